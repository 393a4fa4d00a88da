//! Loads a resource inside `<Transition>` + `<ErrorBoundary>`: a spinner on
//! first load, the old data kept on screen while refetching, and a typed
//! error with a retry button. When a refetch fails, the last good data stays
//! visible under the error.

use leptos::prelude::*;

use super::status::{ErrorPanel, Loading};
use crate::data::error::ApiError;

#[component]
pub fn DataView<T, F, V>(resource: LocalResource<Result<T, ApiError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let last_good: StoredValue<Option<T>> = StoredValue::new(None);
    let retry = Callback::new(move |_: ()| resource.refetch());
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                let error = errors
                    .get()
                    .into_iter()
                    .next()
                    .map(|(_, e)| {
                        e.downcast_ref::<ApiError>()
                            .cloned()
                            .unwrap_or_else(|| ApiError::Network(e.to_string()))
                    })
                    .unwrap_or_else(|| ApiError::Network(String::new()));
                view! { <ErrorPanel error on_retry=retry /> }
            }>
                {
                    let render = render.clone();
                    move || {
                        let render = render.clone();
                        Suspend::new(async move {
                            // The user may have left the page before this ran or
                            // while it loaded: its reactive values are gone, and
                            // awaiting or touching them (or building the page
                            // under them) would panic.
                            if resource.is_disposed() {
                                return Ok(().into_any());
                            }
                            let result = resource.await;
                            if last_good.is_disposed() {
                                return Ok(().into_any());
                            }
                            match result {
                                Ok(value) => {
                                    last_good.try_set_value(Some(value.clone()));
                                    Ok(render(value).into_any())
                                }
                                Err(error) => match last_good.try_get_value().flatten() {
                                    Some(value) => Ok(view! {
                                        <ErrorPanel error on_retry=retry stale=true />
                                        {render(value)}
                                    }
                                    .into_any()),
                                    None => Err(error),
                                },
                            }
                        })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
