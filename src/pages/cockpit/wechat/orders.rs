//! The merchant's orders beside WeChat's files (docs/wechat.md §9): the
//! `orders` resource is read with the folder; a 404 means the merchant has
//! none (the order tiles stay "微信数据不提供此指标"), any other failure is
//! said. When present, the screen states which days only one source has.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::data::error::ApiError;
use crate::data::Backend;
use crate::domain::wechat::orders::{by_day, Combined, DayOrders, OrderDay};
use crate::i18n::{format_date, words, Lang};

pub type OrdersByDay = Arc<BTreeMap<NaiveDate, DayOrders>>;

/// `None`: no orders resource; `Some(Err)`: it is there but failed.
pub type OrdersState = Option<Result<OrdersByDay, ApiError>>;

pub async fn load(backend: &Backend) -> OrdersState {
    match backend.list::<OrderDay>().await {
        Ok(rows) => Some(Ok(Arc::new(by_day(&rows)))),
        Err(ApiError::Http { status: 404, .. }) => None,
        Err(e) => Some(Err(e)),
    }
}

fn dates(days: &[NaiveDate], lang: Lang) -> String {
    days.iter()
        .map(|d| format_date(*d, lang))
        .collect::<Vec<_>>()
        .join(words::list_separator(lang))
}

/// What the order tiles rest on: the source, the conversion's days and the
/// days only one source has (never counted as zero in the other).
pub fn notice(state: &OrdersState, combined: Option<&Combined>, lang: Lang) -> impl IntoView {
    match (state, combined) {
        (Some(Err(e)), _) => Some(
            view! {
                <p class="notice notice-error wechat-orders-failed" role="alert">
                    {lang.tr("商家后台的订单数据(orders)未能读取,订单指标暂不显示:", "Your backend's orders could not be read, so the order tiles stay empty: ")}
                    {e.message(lang)}
                </p>
            }
            .into_any(),
        ),
        (Some(Ok(_)), Some(c)) => {
            let one_side = |label: &'static str, days: &[NaiveDate], class: &'static str| {
                (!days.is_empty()).then(|| {
                    view! { <li class=class>{label}{dates(days, lang)}</li> }
                })
            };
            Some(
                view! {
                    <div class="notice wechat-orders-coverage" role="status">
                        <p>{match lang {
                            Lang::Zh => format!(
                                "订单数、支付人数、销售额、客单价和笔单价来自商家后台的订单数据(orders),访问来自微信;转化率(合并)只计两边都有数据的 {} 天。",
                                c.both
                            ),
                            Lang::En => format!(
                                "Orders, paying users, revenue, revenue per customer and order value come from your backend's orders; visits from WeChat. The combined conversion counts only the {} days both have.",
                                c.both
                            ),
                        }}</p>
                        <ul>
                            {one_side(lang.tr("只有订单数据(不计入转化率):", "Orders only (not in the conversion): "), &c.orders_only, "orders-only")}
                            {one_side(lang.tr("只有微信数据(不计入转化率):", "WeChat only (not in the conversion): "), &c.traffic_only, "traffic-only")}
                        </ul>
                    </div>
                }
                .into_any(),
            )
        }
        _ => None,
    }
}
