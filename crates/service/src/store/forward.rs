//! `Rows` forwarded to another `Rows`, through a `read` and a `write` hook each
//! returning the rows to use (or a store error): for stores that wrap one another.

/// `rows_through!(Type, read, write, base)`: `read`/`write` give `Fallible<impl DerefMut<Target: Rows>>`
/// before each read or write; `base` gives the rows to roll back.
macro_rules! rows_through {
    ($ty:ty, $read:ident, $write:ident, $base:ident) => {
        impl $crate::store::Rows for $ty {
            fn tenant(&mut self, id: &str) -> $crate::store::Fallible<Option<$crate::directory::Tenant>> {
                self.$read()?.tenant(id)
            }
            fn tenant_ids(&mut self) -> $crate::store::Fallible<Vec<String>> {
                self.$read()?.tenant_ids()
            }
            fn put_tenant(&mut self, tenant: &$crate::directory::Tenant) -> $crate::store::Fallible<()> {
                self.$write()?.put_tenant(tenant)
            }
            fn account(
                &mut self,
                id: $crate::store::AccountId,
            ) -> $crate::store::Fallible<Option<$crate::directory::Account>> {
                self.$read()?.account(id)
            }
            fn account_named(
                &mut self,
                username: &str,
            ) -> $crate::store::Fallible<Option<$crate::store::AccountId>> {
                self.$read()?.account_named(username)
            }
            fn accounts_of_tenant(
                &mut self,
                tenant: &str,
            ) -> $crate::store::Fallible<Vec<$crate::store::AccountId>> {
                self.$read()?.accounts_of_tenant(tenant)
            }
            fn account_with_passkey(
                &mut self,
                credential_id: &str,
            ) -> $crate::store::Fallible<Option<$crate::store::AccountId>> {
                self.$read()?.account_with_passkey(credential_id)
            }
            fn put_account(
                &mut self,
                id: $crate::store::AccountId,
                account: &$crate::directory::Account,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.put_account(id, account)
            }
            fn flow(&mut self, id: &str) -> $crate::store::Fallible<Option<$crate::store::FlowRecord>> {
                self.$read()?.flow(id)
            }
            fn insert_flow(
                &mut self,
                id: &str,
                flow: &$crate::store::FlowRecord,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.insert_flow(id, flow)
            }
            fn update_flow(
                &mut self,
                id: &str,
                seq_read: u32,
                flow: &$crate::store::FlowRecord,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.update_flow(id, seq_read, flow)
            }
            fn delete_flow(&mut self, id: &str) -> $crate::store::Fallible<()> {
                self.$write()?.delete_flow(id)
            }
            fn flows_of(
                &mut self,
                account: $crate::store::AccountId,
            ) -> $crate::store::Fallible<Vec<String>> {
                self.$read()?.flows_of(account)
            }
            fn reset(&mut self, id: &str) -> $crate::store::Fallible<Option<$crate::store::ResetRecord>> {
                self.$read()?.reset(id)
            }
            fn insert_reset(
                &mut self,
                id: &str,
                reset: &$crate::store::ResetRecord,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.insert_reset(id, reset)
            }
            fn update_reset(
                &mut self,
                id: &str,
                seq_read: u32,
                reset: &$crate::store::ResetRecord,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.update_reset(id, seq_read, reset)
            }
            fn delete_reset(&mut self, id: &str) -> $crate::store::Fallible<()> {
                self.$write()?.delete_reset(id)
            }
            fn resets_of(
                &mut self,
                account: $crate::store::AccountId,
            ) -> $crate::store::Fallible<Vec<String>> {
                self.$read()?.resets_of(account)
            }
            fn session(&mut self, token: &str) -> $crate::store::Fallible<Option<$crate::store::Session>> {
                self.$read()?.session(token)
            }
            fn put_session(
                &mut self,
                token: &str,
                session: &$crate::store::Session,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.put_session(token, session)
            }
            fn delete_session(&mut self, token: &str) -> $crate::store::Fallible<()> {
                self.$write()?.delete_session(token)
            }
            fn delete_sessions_of(
                &mut self,
                account: $crate::store::AccountId,
                keep: Option<&str>,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.delete_sessions_of(account, keep)
            }
            fn adding(&mut self, token: &str) -> $crate::store::Fallible<Option<$crate::store::Adding>> {
                self.$read()?.adding(token)
            }
            fn put_adding(
                &mut self,
                token: &str,
                adding: &$crate::store::Adding,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.put_adding(token, adding)
            }
            fn delete_adding(&mut self, token: &str) -> $crate::store::Fallible<()> {
                self.$write()?.delete_adding(token)
            }
            fn adding_passkey(
                &mut self,
                token: &str,
            ) -> $crate::store::Fallible<Option<$crate::store::Challenge>> {
                self.$read()?.adding_passkey(token)
            }
            fn put_adding_passkey(
                &mut self,
                token: &str,
                challenge: &$crate::store::Challenge,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.put_adding_passkey(token, challenge)
            }
            fn delete_adding_passkey(&mut self, token: &str) -> $crate::store::Fallible<()> {
                self.$write()?.delete_adding_passkey(token)
            }
            fn sign_in_challenges(
                &mut self,
                name: &str,
            ) -> $crate::store::Fallible<Vec<$crate::store::Challenge>> {
                self.$read()?.sign_in_challenges(name)
            }
            fn put_sign_in_challenges(
                &mut self,
                name: &str,
                held: &[$crate::store::Challenge],
            ) -> $crate::store::Fallible<()> {
                self.$write()?.put_sign_in_challenges(name, held)
            }
            fn append_log(
                &mut self,
                account: $crate::store::AccountId,
                record: &$crate::api::SignInRecord,
            ) -> $crate::store::Fallible<u64> {
                self.$write()?.append_log(account, record)
            }
            fn log_entry(
                &mut self,
                id: u64,
            ) -> $crate::store::Fallible<Option<($crate::store::AccountId, $crate::api::SignInRecord)>> {
                self.$read()?.log_entry(id)
            }
            fn update_log(
                &mut self,
                id: u64,
                record: &$crate::api::SignInRecord,
            ) -> $crate::store::Fallible<()> {
                self.$write()?.update_log(id, record)
            }
            fn log_of_account(
                &mut self,
                account: $crate::store::AccountId,
                limit: usize,
            ) -> $crate::store::Fallible<Vec<$crate::api::SignInRecord>> {
                self.$read()?.log_of_account(account, limit)
            }
            fn log_of_tenant(
                &mut self,
                tenant: &str,
                limit: usize,
            ) -> $crate::store::Fallible<Vec<$crate::api::SignInRecord>> {
                self.$read()?.log_of_tenant(tenant, limit)
            }
            fn append_phone(&mut self, message: &$crate::mock::PhoneMessage) -> $crate::store::Fallible<()> {
                self.$write()?.append_phone(message)
            }
            fn phone(&mut self) -> $crate::store::Fallible<Vec<$crate::mock::PhoneMessage>> {
                self.$read()?.phone()
            }
            fn secret(&mut self, name: &str) -> $crate::store::Fallible<Option<Vec<u8>>> {
                self.$read()?.secret(name)
            }
            fn put_secret(&mut self, name: &str, value: &[u8]) -> $crate::store::Fallible<()> {
                self.$write()?.put_secret(name, value)
            }
            fn commit(&mut self) -> $crate::store::Fallible<()> {
                self.$write()?.commit()
            }
            fn rollback(&mut self) {
                self.$base().rollback();
            }
        }
    };
}

pub(crate) use rows_through;
