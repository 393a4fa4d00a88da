//! The app's state between the pages and the data: the shared context, the
//! view state in the URL, loading from the backend, and edits with their
//! outbox. Pages and components read and change state only through here.

pub mod alerts;
pub mod clock;
pub mod context;
pub mod edits;
pub mod loading;
pub mod route;
pub mod tabs;
pub mod url;
