//! Rules about who the servers are: server name, password, the server-named user.

pub mod authorization_mismatch;
pub mod server_name_ambiguous;
pub mod server_name_mismatch;
pub mod server_password_mismatch;
pub mod server_user_missing;
pub mod server_user_password_differs;
pub mod server_user_password_unset;
pub mod shared_secret_mismatch;
