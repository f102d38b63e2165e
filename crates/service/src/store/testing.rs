//! A `Rows` that fails part-way, for tests that check a failing store keeps nothing
//! and hands out no session.
use super::{Fallible, MemoryRows, Rows, StoreError};
use std::sync::{Mutex, MutexGuard};

/// When to fail: the `after`-th read (counting from 0), or the `after`-th write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub after: usize,
    pub on_write: bool,
}

pub struct FailingRows<'a> {
    inner: &'a mut dyn Rows,
    failure: Failure,
    reads: usize,
    writes: usize,
}

impl<'a> FailingRows<'a> {
    pub fn new(inner: &'a mut dyn Rows, failure: Failure) -> Self {
        FailingRows { inner, failure, reads: 0, writes: 0 }
    }

    fn read(&mut self) -> Fallible<&mut dyn Rows> {
        self.reads += 1;
        match !self.failure.on_write && self.reads > self.failure.after {
            true => Err(StoreError::Failed("read failed".into())),
            false => Ok(&mut *self.inner),
        }
    }

    fn base(&mut self) -> &mut dyn Rows {
        &mut *self.inner
    }

    fn write(&mut self) -> Fallible<&mut dyn Rows> {
        self.writes += 1;
        match self.failure.on_write && self.writes > self.failure.after {
            true => Err(StoreError::Failed("write failed".into())),
            false => Ok(&mut *self.inner),
        }
    }
}

rows_through!(FailingRows<'_>, read, write, base);

/// Rows shared by several units at once, each call taking the lock for itself: two
/// units can then read the same flow before either writes, as two tabs on two nodes.
pub struct Shared<'a>(pub &'a Mutex<MemoryRows>);

impl Shared<'_> {
    fn rows(&mut self) -> Fallible<MutexGuard<'_, MemoryRows>> {
        self.0.lock().map_err(|_| StoreError::Failed("poisoned".into()))
    }
    fn base(&mut self) -> MutexGuard<'_, MemoryRows> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

rows_through!(Shared<'_>, rows, rows, base);
