//! Settings' demo data card: what resetting the embedded demo data deletes,
//! asked in words before it happens.

use leptos::prelude::*;

use crate::data::embedded::store;
use crate::data::resource::Resource;
use crate::i18n::Lang;
use crate::state::context::use_ctx;

#[component]
pub fn DemoDataCard() -> impl IntoView {
    let ctx = use_ctx();
    let done = RwSignal::new(false);
    let reset = move |_| {
        let question = reset_question(
            ctx.lang.get_untracked(),
            &store::stored_collections(),
            ctx.outbox.with_untracked(|ob| ob.edits.len()),
        );
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if confirmed {
            store::reset();
            ctx.reload_all();
            done.set(true);
        }
    };
    view! {
        <section class="card" aria-labelledby="demo-title">
            <h2 id="demo-title">{move || ctx.tr("演示数据", "Demo data")}</h2>
            <p>{move || ctx.tr(
                "内置数据模拟一家天津餐饮零售连锁近 13 个月的经营,修改会保存在本浏览器。",
                "The embedded data simulates 13 months of a Tianjin food and retail chain; edits are kept in this browser.",
            )}</p>
            <p class="muted">{move || ctx.tr(
                "重置会删除本浏览器中已保存到演示数据的修改(确认前会列出具体内容);未同步的修改不受影响。",
                "A reset deletes the edits saved to the demo data in this browser (listed before you confirm); unsynced edits are not affected.",
            )}</p>
            <button type="button" class="btn btn-danger" on:click=reset>{move || ctx.tr("重置演示数据", "Reset demo data")}</button>
            <Show when=move || done.get()>
                <p class="notice notice-ok" role="status">{move || ctx.tr("演示数据已重置。", "The demo data was reset.")}</p>
            </Show>
        </section>
    }
}

/// What a reset deletes, in words: the collections whose edits are stored,
/// and that the unsynced edits stay.
fn reset_question(lang: Lang, stored: &[Resource], unsynced: usize) -> String {
    let names: Vec<&str> = stored
        .iter()
        .map(|r| match r {
            Resource::Feedback => lang.tr("用户反馈", "user feedback"),
            Resource::Content => lang.tr("内容日历", "content calendar"),
            Resource::Campaigns => lang.tr("活动策划", "campaign planner"),
            Resource::Roadmap => lang.tr("迭代路线图", "roadmap"),
            Resource::Targets => lang.tr("目标与预警值", "targets and warning thresholds"),
            Resource::Events => lang.tr("本地时节", "local events"),
            Resource::TaskTargets => lang.tr("关键任务目标", "key-task targets"),
            Resource::Incidents => lang.tr("事故记录", "incidents"),
            Resource::SecurityChecks => lang.tr("安全检查清单", "security checklist"),
            Resource::AlertRules => lang.tr("告警规则", "alert rules"),
            other => other.key(),
        })
        .collect();
    let deleted = match (lang, names.is_empty()) {
        (Lang::Zh, true) => {
            "本浏览器中没有保存过对演示数据的修改,重置不会删除任何修改。".to_string()
        }
        (Lang::En, true) => {
            "No edits to the demo data are stored in this browser; a reset deletes none."
                .to_string()
        }
        (Lang::Zh, false) => format!(
            "重置将删除本浏览器中已保存的这些修改:{}。",
            names.join("、")
        ),
        (Lang::En, false) => format!(
            "A reset deletes the edits stored in this browser to: {}.",
            names.join(", ")
        ),
    };
    let kept = match (lang, unsynced) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!("{n} 条未同步的修改会保留,不会删除。"),
        (Lang::En, n) => format!(" The {n} unsynced edit(s) are kept, not deleted."),
    };
    let ask = lang.tr("确定要重置演示数据吗?", "Reset the demo data?");
    format!("{deleted}{kept}\n{ask}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reset_question_names_what_it_deletes_and_what_it_keeps() {
        let q = reset_question(Lang::Zh, &[Resource::Content, Resource::Feedback], 2);
        assert!(q.contains("内容日历、用户反馈"), "{q}");
        assert!(q.contains("2 条未同步的修改会保留"), "{q}");
        let q = reset_question(Lang::En, &[], 0);
        assert!(q.contains("deletes none"), "{q}");
        assert!(!q.contains("unsynced"), "{q}");
    }
}
