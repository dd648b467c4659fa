//! 草稿箱: the drafts kept in this browser — new, open, rename, duplicate, delete (with undo),
//! import a draft file (picker or drag-and-drop), and what could not be read.

use crate::download::{download, draft_file_name, safe_file_name};
use crate::route::{use_router, Step};
use crate::session::use_session;
use crate::toast::use_toast;
use jixiao_core::file_format;
use leptos::prelude::*;

#[component]
pub fn DraftsPage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let toast = use_toast();
    session.refresh();
    let import_error = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<(String, String)>);
    let open = move |id: String| match session.open(&id) {
        Ok(()) => router.go(Step::Project),
        Err(e) => toast.show(format!("无法打开：{e}"), false),
    };
    let create = move |draft: jixiao_core::Draft| match session.create(draft) {
        Ok(_) => router.go(Step::Project),
        Err(e) => toast.show(e, false),
    };
    view! {
        <section class="step drafts-page" aria-labelledby="step-title">
            <h2 id="step-title">"草稿箱"</h2>
            <Show when=move || !session.storage_ok.get()>
                <div class="banner error" role="alert">
                    "浏览器存储不可用（可能被禁用或处于隐私模式）：草稿只保存在本页面中，关闭页面前请在“导出”中下载草稿文件。"
                </div>
            </Show>
            <div class="toolbar">
                <button type="button" class="primary" on:click=move |_| create(jixiao_core::Draft::default())>
                    "新建空白草稿"
                </button>
                <button type="button" on:click=move |_| create(jixiao_core::example_draft())>
                    "从示例新建（西永街道 2022 应急管理项目）"
                </button>
                <ImportButton error=import_error />
            </div>
            <p class="help">
                "草稿只保存在这台电脑的这个浏览器里。要换电脑或备份，请导出草稿文件，再在另一台电脑上导入。"
            </p>
            <Show when=move || import_error.with(Option::is_some)>
                <p class="msg error" role="alert" data-testid="import-error">
                    {move || import_error.get().unwrap_or_default()}
                </p>
            </Show>
            <table class="grid drafts" data-testid="draft-list">
                <caption>"本浏览器中的草稿（按最后修改排序）"</caption>
                <thead>
                    <tr>
                        <th scope="col">"项目名称"</th>
                        <th scope="col">"年度"</th>
                        <th scope="col">"总分"</th>
                        <th scope="col">"最后修改"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || session.scan.get().drafts key=|d| (d.id.clone(), d.name.clone(), d.saved_at.to_bits(), d.score.clone()) let:d>
                        {
                            let id = d.id.clone();
                            let is_open = {
                                let id = id.clone();
                                move || session.current.get().as_deref() == Some(id.as_str())
                            };
                            let name = if d.name.is_empty() { "未命名项目".to_string() } else { d.name.clone() };
                            let (id1, id2, id3, id4, id5, id6) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                            let has_backup = d.has_backup;
                            let rename_name = d.name.clone();
                            let newer = d.newer_version;
                            view! {
                                <tr data-testid="draft-row" class:current=is_open>
                                    <th scope="row">
                                        {name.clone()}
                                        {newer.map(|v| view! { <span class="tag">{format!("新版本（{v}）保存，只读")}</span> })}
                                    </th>
                                    <td>{d.year.clone()}</td>
                                    <td class="num">{d.score.clone()}</td>
                                    <td>{format_time(d.saved_at)}</td>
                                    <td class="actions">
                                        <button type="button" on:click=move |_| open(id1.clone()) aria-label=format!("打开 {name}")>"打开"</button>
                                        <button
                                            type="button"
                                            disabled=newer.is_some()
                                            on:click=move |_| renaming.set(Some((id2.clone(), rename_name.clone())))
                                        >
                                            "重命名"
                                        </button>
                                        <button
                                            type="button"
                                            on:click=move |_| match session.duplicate(&id3) {
                                                Ok(_) => router.go(Step::Project),
                                                Err(e) => toast.show(e, false),
                                            }
                                        >
                                            "复制"
                                        </button>
                                        <button type="button" on:click=move |_| export_stored(session, toast, &id4)>"导出"</button>
                                        {has_backup
                                            .then(|| {
                                                view! {
                                                    <button
                                                        type="button"
                                                        title="打开这份草稿上次打开时的版本（另存为新草稿，当前版本不变）"
                                                        on:click=move |_| match session.restore_backup(&id6) {
                                                            Ok(_) => router.go(Step::Project),
                                                            Err(e) => toast.show(e, false),
                                                        }
                                                    >
                                                        "恢复上一版本"
                                                    </button>
                                                }
                                            })}
                                        <button
                                            type="button"
                                            class="danger"
                                            on:click=move |_| match session.delete(&id5) {
                                                Ok(()) => toast.show_action("已删除草稿", "撤销", move || { let _ = session.undelete(); }),
                                                Err(e) => toast.show(e, false),
                                            }
                                        >
                                            "删除"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || session.scan.with(|s| s.drafts.is_empty())>
                <p class="empty">"还没有草稿。点“新建空白草稿”开始填报，或导入草稿文件。"</p>
            </Show>
            {move || {
                renaming
                    .get()
                    .map(|(id, name)| {
                        let value = RwSignal::new(name);
                        let save = move |_| {
                            let new_name = value.get_untracked();
                            match session.rename(&id, new_name) {
                                Ok(()) => renaming.set(None),
                                Err(e) => toast.show(e, false),
                            }
                        };
                        view! {
                            <div class="rename-box" role="group" aria-label="重命名草稿">
                                <label for="rename-input">"新的项目名称"</label>
                                <input id="rename-input" type="text" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                                <button type="button" class="primary" on:click=save>"确定"</button>
                                <button type="button" on:click=move |_| renaming.set(None)>"取消"</button>
                            </div>
                        }
                    })
            }}
            <Show when=move || session.scan.with(|s| !s.quarantined.is_empty())>
                <section class="quarantine" aria-labelledby="quarantine-title">
                    <h3 id="quarantine-title">"无法读取的草稿"</h3>
                    <p class="help">"这些内容已原样另存，没有被修改或删除。可下载原始内容交给技术人员恢复。"</p>
                    <ul>
                        {move || {
                            session
                                .scan
                                .get()
                                .quarantined
                                .into_iter()
                                .map(|q| {
                                    let (a, b) = (q.id.clone(), q.id.clone());
                                    view! {
                                        <li data-testid="quarantined">
                                            {format!("{}（{} 字节）：{}", q.id, q.bytes, q.reason)}
                                            <button
                                                type="button"
                                                on:click=move |_| {
                                                    if let Some(text) = session.quarantined_text(&a) {
                                                        let name = format!("无法读取的草稿-{}.json", safe_file_name(&a));
                                                        let _ = download(&name, "application/json", text.as_bytes());
                                                    }
                                                }
                                            >
                                                "下载原始内容"
                                            </button>
                                            <button type="button" class="danger" on:click=move |_| session.discard_quarantined(&b)>
                                                "删除"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
        </section>
    }
}

fn export_stored(session: crate::session::Session, toast: crate::toast::Toast, id: &str) {
    match crate::storage::repo::load(&*session.store_handle(), id) {
        Ok(loaded) => {
            let name = draft_file_name(&loaded.draft.project.name, &loaded.draft.project.year);
            if let Err(e) = download(&name, "application/json", file_format::encode(&loaded.draft).as_bytes()) {
                toast.show(e, false);
            }
        }
        Err(e) => toast.show(format!("无法导出：{e}"), false),
    }
}

fn format_time(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if ms <= 0.0 {
            return "—".into();
        }
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        format!(
            "{}-{:02}-{:02} {:02}:{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes()
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
        "—".into()
    }
}

/// 「导入草稿文件或自评表」: a file picker for a draft file or a spreadsheet (previewed before it
/// becomes a draft); drag-and-drop on the page does the same.
#[component]
pub fn ImportButton(error: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let toast = use_toast();
    let spreadsheet = crate::steps::spreadsheet_import::use_spreadsheet_import();
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            if crate::download::is_spreadsheet_name(&file.name()) {
                leptos::task::spawn_local(crate::steps::spreadsheet_import::read_and_preview(file, spreadsheet));
                return;
            }
            leptos::task::spawn_local(async move {
                import_file(file, session, router, toast, error).await;
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (ev, session, router, toast, error, spreadsheet);
    };
    view! {
        <label class="button-like" for="import-file">"导入草稿文件或自评表…"</label>
        <input
            id="import-file"
            class="visually-hidden"
            type="file"
            accept=".json,application/json,.xlsx,.xls,.xlsm,.et"
            on:change=on_change
            aria-describedby="import-help"
        />
        <span id="import-help" class="visually-hidden">"选择以前导出的“绩效自评草稿.json”文件，或 Excel/WPS 的自评表（.xlsx、.xls）"</span>
    }
}

/// Reads a chosen or dropped file through the same decoding as stored drafts. A bad file changes
/// nothing and says what is wrong.
#[cfg(target_arch = "wasm32")]
pub async fn import_file(
    file: web_sys::File,
    session: crate::session::Session,
    router: crate::route::Router,
    toast: crate::toast::Toast,
    error: RwSignal<Option<String>>,
) {
    let name = file.name();
    let text = match crate::download::read_text(&file).await {
        Ok(t) => t,
        Err(e) => {
            error.set(Some(format!("导入失败：{name}：{e}")));
            return;
        }
    };
    match file_format::decode(&text) {
        Ok(draft) => match session.create(draft) {
            Ok(_) => {
                error.set(None);
                toast.show(format!("已导入“{name}”"), false);
                router.go(Step::Project);
            }
            Err(e) => error.set(Some(format!("导入失败：{name}：{e}"))),
        },
        Err(e) => error.set(Some(format!("导入失败：{name}：{e}"))),
    }
}
