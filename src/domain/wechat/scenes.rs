//! Where visits came from: WeChat's access sources (访问来源) and scene
//! values (场景值), each mapped to one of Haihe's channel families.
//!
//! getVisitDistribution's `access_source_session_cnt` is keyed by *access
//! source* ids (1–57, 10 = 其他), and WeChat's docs list the scene values each
//! id groups; the table below is that published table, verbatim. The scene
//! table is WeChat's published scene-value list (场景值列表); scene values that
//! the access-source table names but the current list no longer does carry
//! their group's name. An unknown id or scene value is `Other`.
//!
//! The family of each source is Haihe's judgement, documented in
//! docs/wechat.md: shares in chats, groups, Moments and WeCom are `social`;
//! official accounts, articles, Channels videos, H5 and other apps' links are
//! `content`; scanning codes and in-store Wi-Fi are `offline_qr`; WeChat ads
//! are `paid_ads`; WeChat's own entry points (history, search, desktop,
//! favourites, payments, messages the merchant sent) are `direct`.

use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::Channel;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// Haihe's channel families plus `other` for what fits none (or is unknown).
    SourceFamily {
        Social = "social", "社交传播", "Social sharing";
        Content = "content", "内容平台", "Content platforms";
        OfflineQr = "offline_qr", "门店二维码", "Offline QR codes";
        PaidAds = "paid_ads", "付费广告", "Paid ads";
        Direct = "direct", "自然访问", "Direct";
        Other = "other", "其他来源", "Other sources";
    }
}

impl SourceFamily {
    /// The Haihe channel, or `None` for `Other`.
    pub fn channel(self) -> Option<Channel> {
        match self {
            SourceFamily::Social => Some(Channel::Social),
            SourceFamily::Content => Some(Channel::Content),
            SourceFamily::OfflineQr => Some(Channel::OfflineQr),
            SourceFamily::PaidAds => Some(Channel::PaidAds),
            SourceFamily::Direct => Some(Channel::Direct),
            SourceFamily::Other => None,
        }
    }
}

use SourceFamily::{
    Content as C, Direct as D, OfflineQr as Q, Other as O, PaidAds as P, Social as S,
};

/// WeChat's access-source table for `access_source_session_cnt`:
/// (key, 访问来源, the scene values it groups, family). Key 10 is "everything else".
pub const ACCESS_SOURCES: &[(i64, &str, &[u32], SourceFamily)] = &[
    (1, "小程序历史列表", &[1001, 1002, 1004], D),
    (
        2,
        "搜索",
        &[1005, 1006, 1027, 1042, 1053, 1106, 1108, 1132],
        D,
    ),
    (3, "会话", &[1007, 1008, 1044, 1093, 1094, 1096], S),
    (4, "扫一扫二维码", &[1011, 1025, 1047, 1105, 1124, 1150], Q),
    (5, "公众号主页", &[1020], C),
    (6, "聊天顶部", &[1022], D),
    (7, "系统桌面", &[1023, 1113, 1114, 1117], D),
    (8, "小程序主页", &[1024, 1135], D),
    (9, "附近的小程序", &[1026, 1033, 1068], D),
    (10, "其他", &[], O),
    (11, "模板消息", &[1014, 1043, 1107, 1162], D),
    (12, "客服消息", &[1021], D),
    (13, "公众号菜单", &[1035, 1102, 1130], C),
    (14, "APP分享", &[1036], S),
    (
        15,
        "支付完成页",
        &[1034, 1060, 1072, 1097, 1109, 1137, 1149],
        D,
    ),
    (16, "长按识别二维码", &[1012, 1048, 1050, 1125], S),
    (17, "相册选取二维码", &[1013, 1049, 1126], S),
    (18, "公众号文章", &[1058, 1091], C),
    (19, "钱包", &[1019, 1057, 1061, 1066, 1070, 1071], D),
    (20, "卡包", &[1028, 1128, 1148], D),
    (21, "小程序内卡券", &[1029, 1062], D),
    (22, "其他小程序", &[1037], D),
    (23, "其他小程序返回", &[1038], D),
    (24, "卡券适用门店列表", &[1052], D),
    (25, "搜索框快捷入口", &[1054], D),
    (26, "小程序客服消息", &[1073, 1081], D),
    (27, "公众号下发", &[1074, 1076, 1082, 1152], C),
    (28, "系统会话菜单", &[1080, 1083, 1088], D),
    (29, "任务栏-最近使用", &[1089], D),
    (30, "长按小程序菜单圆点", &[1085, 1090, 1147], D),
    (31, "连wifi成功页", &[1064, 1078], Q),
    (32, "城市服务", &[1092], D),
    (33, "微信广告", &[1045, 1046, 1067, 1084, 1095], P),
    (34, "其他移动应用", &[1065, 1069, 1111, 1140], C),
    (35, "发现入口-我的小程序", &[1003, 1103], D),
    (36, "任务栏-我的小程序", &[1104], D),
    (37, "微信圈子", &[1138, 1163], S),
    (38, "手机充值", &[1098], D),
    (39, "H5", &[1018, 1055], C),
    (40, "插件", &[1040, 1041, 1099], D),
    (41, "大家在用", &[1118, 1145], D),
    (42, "发现页", &[1112, 1141, 1142, 1143], D),
    (43, "浮窗", &[1131], D),
    (44, "附近的人", &[1075, 1134], D),
    (45, "看一看", &[1115], C),
    (46, "朋友圈", &[1009, 1110, 1154, 1155], S),
    (47, "企业微信", &[1119, 1120, 1121, 1122, 1123, 1156], S),
    (48, "视频", &[1136, 1144], C),
    (49, "收藏", &[1010], D),
    (50, "微信红包", &[1100], S),
    (51, "微信游戏中心", &[1079, 1127], D),
    (52, "摇一摇", &[1039, 1077], D),
    (53, "公众号导购消息", &[1157], C),
    (54, "识物", &[1153], D),
    (55, "小程序订单", &[1151], D),
    (56, "小程序直播", &[1161], C),
    (57, "群工具", &[1158, 1159, 1160], S),
];

/// WeChat's published scene values (场景值), with Haihe's family for each.
pub const SCENES: &[(u32, &str, SourceFamily)] = &[
    (1000, "其他", O),
    (1001, "发现页小程序「最近使用」列表", D),
    (1005, "微信首页顶部搜索框的搜索结果页", D),
    (1006, "发现栏小程序主入口搜索框的搜索结果页", D),
    (1007, "单人聊天会话中的小程序消息卡片", S),
    (1008, "群聊会话中的小程序消息卡片", S),
    (1010, "收藏夹", D),
    (1011, "扫描二维码", Q),
    (1012, "长按图片识别二维码", S),
    (1013, "扫描手机相册中选取的二维码", S),
    (1014, "小程序订阅消息(与1107相同)", D),
    (1017, "前往小程序体验版的入口页", O),
    (1018, "openWeApp JSAPI,网页打开进入小程序", C),
    (1019, "微信钱包(支付入口)", D),
    (1020, "公众号 profile 页相关小程序列表(已废弃)", C),
    (1022, "聊天顶部置顶小程序入口(已废弃)", D),
    (1023, "安卓系统桌面图标", D),
    (1024, "小程序 profile 页", D),
    (1025, "扫描一维码", Q),
    (1026, "发现栏小程序主入口,「附近的小程序」列表", D),
    (
        1027,
        "微信首页顶部搜索框搜索结果页「使用过的小程序」列表",
        D,
    ),
    (1028, "卡包里的券和礼品卡,打开小程序", D),
    (1029, "小程序中的卡券详情页", D),
    (1030, "自动化测试下打开小程序", O),
    (1031, "长按图片识别一维码", Q),
    (1032, "扫描手机相册中选取的一维码", Q),
    (1034, "微信支付完成页", D),
    (1035, "公众号自定义菜单", C),
    (1036, "App 分享消息卡片", S),
    (1037, "小程序打开小程序", D),
    (1038, "从另一个小程序返回", D),
    (1039, "摇电视", D),
    (1042, "添加好友搜索框的搜索结果页", D),
    (1043, "公众号模板消息", D),
    (1044, "带 shareTicket 的小程序消息卡片", S),
    (1045, "朋友圈广告", P),
    (1046, "朋友圈广告详情页", P),
    (1047, "扫描小程序码", Q),
    (1048, "长按图片识别小程序码", S),
    (1049, "扫描手机相册中选取的小程序码", S),
    (1052, "卡券的适用门店列表", D),
    (1053, "发现页进入搜一搜的搜索结果页", D),
    (1054, "顶部搜索框小程序快捷入口(已废弃)", D),
    (1055, "JSAPI 网页打开小程序", C),
    (1056, "聊天顶部音乐播放器右上角菜单", D),
    (1057, "钱包中的银行卡详情页", D),
    (1058, "公众号文章", C),
    (1059, "体验版小程序绑定邀请页", O),
    (1060, "微信支付完成页(与1034相同)", D),
    (1064, "微信首页连 Wi-Fi 状态栏", Q),
    (1065, "URL scheme", C),
    (1067, "公众号文章广告", P),
    (1068, "附近小程序列表广告(已废弃)", D),
    (1069, "移动应用通过 openSDK 进入微信,打开小程序", C),
    (1071, "钱包中的银行卡列表页", D),
    (1072, "二维码收款页面", D),
    (1073, "客服消息列表下发的小程序消息卡片", D),
    (1074, "公众号会话下发的小程序消息卡片", C),
    (1077, "摇周边", D),
    (1078, "微信连 Wi-Fi 成功提示页", Q),
    (1079, "微信游戏中心", D),
    (1081, "客服消息下发的文字链", D),
    (1082, "公众号会话下发的文字链", C),
    (1084, "朋友圈广告原生页", P),
    (1088, "会话中查看系统消息,打开小程序", D),
    (1089, "微信聊天主界面下拉,「最近使用」栏", D),
    (1090, "长按小程序右上角菜单唤出最近使用历史", D),
    (1091, "公众号文章商品卡片", C),
    (1092, "城市服务入口", D),
    (1095, "小程序广告组件", P),
    (1096, "聊天记录,打开小程序", S),
    (1097, "微信支付签约原生页,打开小程序", D),
    (1099, "页面内嵌插件", D),
    (1100, "红包封面详情页打开小程序", S),
    (1101, "远程调试热更新", O),
    (1102, "公众号 profile 页服务预览", C),
    (1103, "发现页小程序「我的小程序」列表", D),
    (1104, "微信聊天主界面下拉,「我的小程序」栏", D),
    (1106, "聊天主界面下拉,从顶部搜索结果页,打开小程序", D),
    (1107, "订阅消息,打开小程序", D),
    (1113, "安卓手机负一屏,打开小程序(三星)", D),
    (1114, "安卓手机侧边栏,打开小程序(三星)", D),
    (1119, "【企业微信】工作台内打开小程序", S),
    (1120, "【企业微信】个人资料页内打开小程序", S),
    (1121, "【企业微信】聊天加号附件框内打开小程序", S),
    (1124, "扫“一物一码”打开小程序", Q),
    (1125, "长按图片识别“一物一码”", S),
    (1126, "扫描手机相册中选取的“一物一码”", S),
    (1129, "微信爬虫访问", O),
    (1131, "浮窗", D),
    (1133, "硬件设备打开小程序", D),
    (1135, "小程序 profile 页相关小程序列表,打开小程序", D),
    (1144, "公众号文章 - 视频贴片", C),
    (1145, "发现栏 - 发现小程序", D),
    (1146, "地理位置信息打开出行类小程序", D),
    (1148, "卡包-交通卡,打开小程序", D),
    (1150, "扫一扫商品条码结果页打开小程序", Q),
    (1151, "发现栏 - 我的订单", D),
    (1152, "订阅号视频打开小程序", C),
    (1153, "“识物”结果页打开小程序", D),
    (1154, "朋友圈内打开“单页模式”", S),
    (1155, "“单页模式”打开小程序", S),
    (1157, "服务号会话页打开小程序", C),
    (1158, "群工具打开小程序", S),
    (1160, "群待办", S),
    (1167, "H5 通过开放标签打开小程序", C),
    (1168, "移动/网站应用直接运行小程序", C),
    (1169, "发现栏小程序主入口,各个生活服务入口", D),
    (1171, "微信运动记录(仅安卓)", D),
    (1173, "聊天素材用小程序打开", S),
    (1175, "视频号主页商店入口", C),
    (1176, "视频号直播间主播打开小程序", C),
    (1177, "视频号直播商品", C),
    (1178, "在电脑打开手机上打开的小程序", D),
    (1179, "#话题页打开小程序", C),
    (1181, "网站应用打开 PC 小程序", C),
    (1183, "PC 微信 - 小程序面板 - 发现小程序 - 搜索", D),
    (1184, "视频号链接打开小程序", C),
    (1185, "群公告", S),
    (1186, "收藏 - 笔记", D),
    (1187, "浮窗(8.0 版本起)", D),
    (1189, "表情雨广告", P),
    (1191, "视频号活动", C),
    (1192, "企业微信联系人 profile 页", S),
    (1193, "视频号主页服务菜单打开小程序", C),
    (1194, "URL Link", C),
    (1195, "视频号主页商品 tab", C),
    (1196, "个人状态打开小程序", S),
    (1197, "视频号主播从直播间返回小游戏", C),
    (1198, "视频号开播界面打开小游戏", C),
    (1199, "小游戏内“更多游戏”入口打开小程序", D),
    (1200, "视频号广告打开小程序", P),
    (1201, "视频号广告详情页打开小程序", P),
    (1202, "企微客服号会话打开小程序卡片", S),
    (1203, "微信小程序压测工具的请求", O),
    (1205, "非广告进入视频号直播间打开游戏卡片", C),
    (1206, "视频号小游戏直播间打开小游戏", C),
    (1207, "企微客服号会话打开小程序文字链", S),
    (1208, "聊天打开商品卡片", S),
    (1212, "青少年模式申请页打开小程序", D),
    (1215, "广告预约打开小程序", P),
    (1216, "视频号订单中心打开小程序", C),
    (1218, "微信键盘预览打开小程序", D),
    (1219, "视频号直播间小游戏一键上车", C),
    (1220, "发现页设备卡片打开小程序", D),
    (1223, "安卓桌面 Widget 打开小程序", D),
    (1225, "音视频通话打开小程序", S),
    (1226, "聊天消息在设备打开后打开小程序", S),
    (1228, "视频号原生广告组件打开小程序", P),
    (1230, "订阅号 H5 广告进入小程序", P),
    (1231, "动态消息提醒入口打开小程序", D),
    (1232, "搜一搜竞价广告打开小程序", P),
    (1233, "小程序搜索页人气游戏模块打开小游戏", D),
    (1238, "看一看信息流广告打开小程序", P),
    (1239, "视频号小游戏直播间气泡浮窗打开小游戏", C),
    (1242, "小程序发现页门店快送模块频道页进入小程序", D),
    (1244, "#tag 搜索结果页打开小程序", D),
    (1245, "小程序发现页门店快送搜索结果页进入小程序", D),
    (1248, "通过小程序账号迁移进入小程序", D),
    (1252, "搜一搜小程序搜索页「小功能」模块进入小程序", D),
    (1254, "发现页「动态」卡片打开小程序", D),
    (1255, "发现页「我的」卡片打开小程序", D),
    (1256, "pc 端小程序面板「最近使用」列表", D),
    (1257, "pc 端小程序面板「我的小程序」列表", D),
    (1258, "pc 端小程序面板「为电脑端优化」模块", D),
    (1259, "pc 端小程序面板「小游戏专区」模块", D),
    (1260, "pc 端小程序面板「推荐在电脑端使用」列表", D),
    (1261, "公众号返佣商品卡片", C),
    (1265, "小程序图片详情页打开小程序", S),
    (1266, "小程序图片长按半屏入口打开小程序", S),
    (1267, "小程序图片会话角标打开小程序", S),
    (1271, "微信聊天主界面下拉,「我的常用小程序」栏", D),
    (1272, "发现页「游戏」服务 tab 打开小程序", D),
    (1273, "发现页「常用的小程序」列表", D),
    (1274, "移动应用通过广告 openSDK 进入微信,打开小程序", P),
    (1278, "发现页「发现小程序」列表打开小程序", D),
    (1279, "发现页「发现小程序」合集页打开小程序", D),
    (1280, "下拉任务栏小程序垂搜「建议使用」打开小程序", D),
    (1281, "下拉任务栏小程序垂搜「发现小程序」打开小程序", D),
    (1282, "听一听播放器打开小程序", C),
    (1285, "发现页「发现小程序」短剧合集打开小程序", C),
    (1286, "明文 scheme 打开小程序", C),
    (1287, "公众号短剧贴片打开小程序", C),
    (1292, "发现页「发现小程序」poi 详情页打开小程序", D),
    (1293, "发现页短剧卡片追剧页打开小程序", C),
    (1295, "下拉任务栏小程序垂搜「发现小程序」广告打开小程序", P),
    (1296, "视频号付费短剧气泡打开小程序", C),
    (1297, "发现-小程序-搜索「发现小程序」打开小程序", D),
    (
        1298,
        "下拉任务栏小程序垂搜「发现小程序」打开的合集访问小程序",
        D,
    ),
    (
        1299,
        "下拉任务栏小程序垂搜「发现小程序」poi 详情页打开小程序",
        D,
    ),
    (
        1300,
        "发现-小程序-搜索「发现小程序」打开的合集访问小程序",
        D,
    ),
    (
        1301,
        "发现-小程序-搜索「发现小程序」poi 详情页打开小程序",
        D,
    ),
    (1302, "PC 端面板「发现小程序」", D),
    (1303, "发现页短剧卡片视频流打开小程序", C),
    (1304, "手机负一屏打开小程序", D),
    (1305, "公众号播放结束页打开小程序", C),
    (1306, "公众号短剧固定选集入口打开小程序", C),
    (1307, "发现页附近服务境外专区打开小程序", D),
    (1308, "PC 端面板小游戏专区页面", D),
    (1309, "公众号文章打开小游戏 CPS 卡片", C),
    (1311, "公众号文章打开小游戏CPS卡片", C),
    (1313, "PC端openSDK分享卡片打开小程序", S),
    (1347, "「微信游戏」聊天插件打开小游戏", S),
    (1362, "小游戏官方组件跳转", D),
    (1373, "小游戏评价与推荐", D),
    (1374, "服务通知中「扫一扫」消息打开小程序", D),
    (1378, "安卓下载完成的系统通知打开小程序", D),
    (1379, "agent启动小程序", D),
    (1387, "小游戏直玩广告", P),
];

/// The access source of an `access_source_session_cnt` key: its name and family.
pub fn access_source(key: i64) -> (Option<&'static str>, SourceFamily) {
    ACCESS_SOURCES
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, name, _, family)| (Some(*name), *family))
        .unwrap_or((None, SourceFamily::Other))
}

/// A scene value's published name and family; scene values the access-source
/// table groups but the current list omits get their group's name and family.
pub fn scene(value: u32) -> (Option<&'static str>, SourceFamily) {
    if let Some((_, name, family)) = SCENES.iter().find(|(v, ..)| *v == value) {
        return (Some(*name), *family);
    }
    ACCESS_SOURCES
        .iter()
        .find(|(_, _, scenes, _)| scenes.contains(&value))
        .map(|(_, name, _, family)| (Some(*name), *family))
        .unwrap_or((None, SourceFamily::Other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_sources_map_as_documented_and_unknown_is_other() {
        assert_eq!(
            access_source(1),
            (Some("小程序历史列表"), SourceFamily::Direct)
        );
        assert_eq!(access_source(4).1, SourceFamily::OfflineQr);
        assert_eq!(access_source(33).1, SourceFamily::PaidAds);
        assert_eq!(access_source(46), (Some("朋友圈"), SourceFamily::Social));
        assert_eq!(access_source(10), (Some("其他"), SourceFamily::Other));
        assert_eq!(access_source(99), (None, SourceFamily::Other));
        assert_eq!(access_source(-3), (None, SourceFamily::Other));
        // Keys 1..=57 all present, once each.
        let mut keys: Vec<i64> = ACCESS_SOURCES.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        assert_eq!(keys, (1..=57).collect::<Vec<_>>());
    }

    #[test]
    fn scenes_agree_with_the_access_source_that_groups_them() {
        for (key, name, scenes, family) in ACCESS_SOURCES {
            for s in *scenes {
                assert_eq!(
                    scene(*s).1,
                    *family,
                    "scene {s} vs access source {key} {name}"
                );
            }
        }
        let mut values: Vec<u32> = SCENES.iter().map(|s| s.0).collect();
        let before = values.len();
        values.dedup();
        assert_eq!(values.len(), before, "duplicate scene value");
        assert!(
            values.windows(2).all(|w| w[0] < w[1]),
            "scene list kept in order"
        );
    }

    #[test]
    fn well_known_scene_values() {
        assert_eq!(scene(1011), (Some("扫描二维码"), SourceFamily::OfflineQr));
        assert_eq!(scene(1047).1, SourceFamily::OfflineQr);
        assert_eq!(scene(1007).1, SourceFamily::Social);
        assert_eq!(scene(1045).1, SourceFamily::PaidAds);
        assert_eq!(scene(1058).1, SourceFamily::Content);
        assert_eq!(scene(1089).1, SourceFamily::Direct);
        // Grouped by an access source but not in the current list: group name.
        assert_eq!(scene(1162), (Some("模板消息"), SourceFamily::Direct));
        assert_eq!(scene(4242), (None, SourceFamily::Other));
        assert_eq!(SourceFamily::Other.channel(), None);
        assert_eq!(SourceFamily::PaidAds.channel(), Some(Channel::PaidAds));
    }
}
