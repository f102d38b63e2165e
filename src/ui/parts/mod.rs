//! Shapes that more than one screen shares and that, unlike the kit's pieces, know the
//! backend's calls.
pub(crate) mod load;
