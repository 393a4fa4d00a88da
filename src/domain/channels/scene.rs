//! The `scene` string an offline QR code carries, and how a visit through a
//! code was made.
//!
//! WeChat's unlimited mini-program code (wxacode.getUnlimited /
//! getUnlimitedQRCode) takes a `scene` of at most 32 visible characters:
//! digits, ASCII letters and `!#$&'()*+,/:;=?@-._~`; anything else must be
//! encoded by the caller, and since `%` is not allowed Chinese cannot be
//! URL-encoded at all. Haihe builds scenes as `channel.placement.location`
//! from short codes, so a scanned scene names its row in the registry.
//!
//! Scans by camera and codes forwarded as an image arrive under different
//! WeChat scene values; their names come from the one scene table in
//! `domain::wechat::scenes`.

use crate::domain::cockpit::dimensions::Channel;
use crate::domain::wechat::scenes;
use crate::i18n::Lang;

/// WeChat's limit on the `scene` parameter, in characters.
pub const MAX_SCENE_CHARS: usize = 32;

/// The punctuation WeChat allows besides digits and ASCII letters.
pub const SCENE_PUNCTUATION: &str = "!#$&'()*+,/:;=?@-._~";

/// Joins the three codes of a Haihe scene.
pub const SEPARATOR: char = '.';

/// Which of the three codes a builder error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenePart {
    Channel,
    Placement,
    Location,
}

/// The rule a scene string breaks. Positions count characters from 1, as
/// the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SceneError {
    Empty,
    /// Longer than 32 characters; `length` counts characters, not bytes.
    TooLong {
        length: usize,
    },
    /// A Chinese, Japanese or Korean character (or full-width punctuation).
    Cjk {
        character: char,
        position: usize,
    },
    /// Any other character outside the allowed set (spaces, `%`, emoji…).
    NotAllowed {
        character: char,
        position: usize,
    },
    /// A code given to the builder was empty.
    EmptyCode(ScenePart),
    /// A code given to the builder contains the separator `.`.
    SeparatorInCode(ScenePart),
}

impl SceneError {
    /// The sentence the form shows under the field.
    pub fn message(&self, lang: Lang) -> String {
        let part = |p: &ScenePart| match (p, lang) {
            (ScenePart::Channel, Lang::Zh) => "渠道代码",
            (ScenePart::Placement, Lang::Zh) => "投放位代码",
            (ScenePart::Location, Lang::Zh) => "位置代码",
            (ScenePart::Channel, Lang::En) => "channel code",
            (ScenePart::Placement, Lang::En) => "placement code",
            (ScenePart::Location, Lang::En) => "location code",
        };
        match (self, lang) {
            (SceneError::Empty, Lang::Zh) => "scene 不能为空".into(),
            (SceneError::Empty, Lang::En) => "The scene must not be empty".into(),
            (SceneError::TooLong { length }, Lang::Zh) => {
                format!("scene 最多 {MAX_SCENE_CHARS} 个字符,当前 {length} 个")
            }
            (SceneError::TooLong { length }, Lang::En) => {
                format!("The scene has {length} characters; at most {MAX_SCENE_CHARS} are allowed")
            }
            (SceneError::Cjk { character, position }, Lang::Zh) => {
                format!("第 {position} 个字符「{character}」是中文字符,scene 不支持中文")
            }
            (SceneError::Cjk { character, position }, Lang::En) => format!(
                "Character {position} ‘{character}’ is Chinese; the scene cannot carry Chinese"
            ),
            (SceneError::NotAllowed { character, position }, Lang::Zh) => format!(
                "第 {position} 个字符「{character}」不允许,只能用数字、英文字母和 {SCENE_PUNCTUATION}"
            ),
            (SceneError::NotAllowed { character, position }, Lang::En) => format!(
                "Character {position} ‘{character}’ is not allowed; use digits, letters and {SCENE_PUNCTUATION}"
            ),
            (SceneError::EmptyCode(p), Lang::Zh) => format!("{}不能为空", part(p)),
            (SceneError::EmptyCode(p), Lang::En) => format!("The {} must not be empty", part(p)),
            (SceneError::SeparatorInCode(p), Lang::Zh) => {
                format!("{}不能包含“{SEPARATOR}”", part(p))
            }
            (SceneError::SeparatorInCode(p), Lang::En) => {
                format!("The {} must not contain ‘{SEPARATOR}’", part(p))
            }
        }
    }
}

/// Whether WeChat accepts `c` in a scene.
pub fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || SCENE_PUNCTUATION.contains(c)
}

/// CJK ideographs, kana, hangul and the full-width forms a Chinese keyboard
/// types (the full-width comma and full stop): reported as Chinese so the form can say why.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // extensions B and later
}

/// Checks a scene against WeChat's rules: empty first, then the first
/// character outside the set (its position says where to look), then the
/// length in characters (so "和平路" is three characters, not nine bytes).
pub fn validate(scene: &str) -> Result<(), SceneError> {
    if scene.is_empty() {
        return Err(SceneError::Empty);
    }
    for (index, character) in scene.chars().enumerate() {
        let position = index + 1;
        if is_cjk(character) {
            return Err(SceneError::Cjk {
                character,
                position,
            });
        }
        if !is_allowed(character) {
            return Err(SceneError::NotAllowed {
                character,
                position,
            });
        }
    }
    let length = scene.chars().count();
    if length > MAX_SCENE_CHARS {
        return Err(SceneError::TooLong { length });
    }
    Ok(())
}

/// The one-letter code of a channel in scenes (short, to leave room).
pub fn channel_code(channel: Channel) -> &'static str {
    match channel {
        Channel::Social => "s",
        Channel::Content => "c",
        Channel::OfflineQr => "q",
        Channel::PaidAds => "p",
        Channel::Direct => "d",
    }
}

/// The channel of a scene's first code, if it is one.
pub fn channel_of_code(code: &str) -> Option<Channel> {
    Channel::ALL
        .iter()
        .copied()
        .find(|c| channel_code(*c) == code)
}

/// `channel.placement.location`, validated as a whole.
pub fn build(channel: Channel, placement: &str, location: &str) -> Result<String, SceneError> {
    for (code, part) in [
        (placement, ScenePart::Placement),
        (location, ScenePart::Location),
    ] {
        if code.is_empty() {
            return Err(SceneError::EmptyCode(part));
        }
        if code.contains(SEPARATOR) {
            return Err(SceneError::SeparatorInCode(part));
        }
    }
    let scene = format!(
        "{}{SEPARATOR}{placement}{SEPARATOR}{location}",
        channel_code(channel)
    );
    validate(&scene)?;
    Ok(scene)
}

/// The three codes of a Haihe scene, or `None` for a scene of another shape
/// (the registry then lists the visit as an unknown code).
pub fn parse(scene: &str) -> Option<(Channel, &str, &str)> {
    let mut parts = scene.split(SEPARATOR);
    let channel = channel_of_code(parts.next()?)?;
    let placement = parts.next().filter(|p| !p.is_empty())?;
    let location = parts.next().filter(|l| !l.is_empty())?;
    if parts.next().is_some() {
        return None;
    }
    Some((channel, placement, location))
}

/// How a visit through a code was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    /// Scanned with the camera in front of the code (1011, 1047).
    Camera,
    /// Recognised from an image someone forwarded or saved (1012, 1013,
    /// 1048, 1049): the code travelled beyond its spot.
    ForwardedImage,
    Other,
}

/// WeChat scene values of scans by camera: QR code and mini-program code.
pub const CAMERA_SCENES: [u32; 2] = [1011, 1047];

/// Long-press on an image and pick from the album, for QR and mini-program codes.
pub const IMAGE_SCENES: [u32; 4] = [1012, 1013, 1048, 1049];

pub fn scan_kind(scene_value: u32) -> ScanKind {
    if CAMERA_SCENES.contains(&scene_value) {
        ScanKind::Camera
    } else if IMAGE_SCENES.contains(&scene_value) {
        ScanKind::ForwardedImage
    } else {
        ScanKind::Other
    }
}

/// The published name of a scene value, from the shared table.
pub fn scene_name(scene_value: u32) -> Option<&'static str> {
    scenes::scene(scene_value).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_two_allowed_characters_pass_and_thirty_three_fail() {
        let ok = "a".repeat(32);
        assert_eq!(validate(&ok), Ok(()));
        // Every allowed punctuation mark passes (20 of them).
        assert_eq!(validate(SCENE_PUNCTUATION), Ok(()));
        assert_eq!(validate("q.T01.hp-03"), Ok(()));
        let long = "q.table-card.heping-road-store-03"; // 33 characters
        assert_eq!(long.len(), 33);
        assert_eq!(validate(long), Err(SceneError::TooLong { length: 33 }));
        assert_eq!(validate(""), Err(SceneError::Empty));
    }

    #[test]
    fn disallowed_characters_name_themselves_and_their_place() {
        // "%" is not allowed (WeChat says so explicitly): position 3.
        assert_eq!(
            validate("a=%20"),
            Err(SceneError::NotAllowed {
                character: '%',
                position: 3
            })
        );
        // A space is not visible; "q a": position 2.
        assert_eq!(
            validate("q a"),
            Err(SceneError::NotAllowed {
                character: ' ',
                position: 2
            })
        );
        // Emoji are outside the set but not CJK.
        assert_eq!(
            validate("q😀"),
            Err(SceneError::NotAllowed {
                character: '😀',
                position: 2
            })
        );
        for c in ['"', '<', '>', '\\', '^', '`', '{', '|', '}', '[', ']'] {
            assert!(!is_allowed(c), "{c}");
        }
    }

    #[test]
    fn chinese_is_reported_as_such_and_counted_as_characters() {
        // "q.和平路": 和 is character 3.
        assert_eq!(
            validate("q.和平路"),
            Err(SceneError::Cjk {
                character: '和',
                position: 3
            })
        );
        // Full-width comma typed on a Chinese keyboard: character 2.
        assert_eq!(
            validate("a\u{FF0C}b"),
            Err(SceneError::Cjk {
                character: '\u{FF0C}',
                position: 2
            })
        );
        // The first rule broken is reported, scanning from the start.
        assert_eq!(
            validate("和平x%"),
            Err(SceneError::Cjk {
                character: '和',
                position: 1
            })
        );
        assert_eq!(
            validate("x%和平"),
            Err(SceneError::NotAllowed {
                character: '%',
                position: 2
            })
        );
        let message = SceneError::Cjk {
            character: '和',
            position: 3,
        }
        .message(Lang::En);
        assert!(message.contains("Chinese"), "{message}");
    }

    #[test]
    fn builder_joins_codes_and_checks_them() {
        assert_eq!(
            build(Channel::OfflineQr, "tc", "hp03").as_deref(),
            Ok("q.tc.hp03")
        );
        assert_eq!(parse("q.tc.hp03"), Some((Channel::OfflineQr, "tc", "hp03")));
        assert_eq!(
            build(Channel::OfflineQr, "", "hp03"),
            Err(SceneError::EmptyCode(ScenePart::Placement))
        );
        assert_eq!(
            build(Channel::PaidAds, "a.b", "x"),
            Err(SceneError::SeparatorInCode(ScenePart::Placement))
        );
        assert_eq!(
            build(Channel::OfflineQr, "tc", ""),
            Err(SceneError::EmptyCode(ScenePart::Location))
        );
        // "q." + 20 + "." + 10 = 33 characters.
        assert_eq!(
            build(Channel::OfflineQr, &"t".repeat(20), &"l".repeat(10)),
            Err(SceneError::TooLong { length: 33 })
        );
        // Chinese in a code: 和 is the 6th character of "q.tc.和平" (q . t c . 和).
        assert_eq!(
            build(Channel::OfflineQr, "tc", "和平"),
            Err(SceneError::Cjk {
                character: '和',
                position: 6
            })
        );
        assert_eq!(parse("x.tc.hp03"), None);
        assert_eq!(parse("q.tc"), None);
        assert_eq!(parse("q.tc.hp.extra"), None);
        assert_eq!(parse("q..hp"), None);
        for c in Channel::ALL {
            assert_eq!(channel_of_code(channel_code(*c)), Some(*c));
        }
    }

    #[test]
    fn camera_scans_are_told_from_forwarded_images() {
        assert_eq!(scan_kind(1011), ScanKind::Camera);
        assert_eq!(scan_kind(1047), ScanKind::Camera);
        for v in [1012, 1013, 1048, 1049] {
            assert_eq!(scan_kind(v), ScanKind::ForwardedImage);
        }
        assert_eq!(scan_kind(1007), ScanKind::Other);
        assert_eq!(scan_kind(1025), ScanKind::Other);
        // The values are WeChat's, as named in the shared scene table.
        assert_eq!(scene_name(1011), Some("扫描二维码"));
        assert_eq!(scene_name(1047), Some("扫描小程序码"));
        assert_eq!(scene_name(1012), Some("长按图片识别二维码"));
        assert_eq!(scene_name(1049), Some("扫描手机相册中选取的小程序码"));
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let errors = [
            SceneError::Empty,
            SceneError::TooLong { length: 33 },
            SceneError::Cjk {
                character: '和',
                position: 1,
            },
            SceneError::NotAllowed {
                character: '%',
                position: 1,
            },
            SceneError::EmptyCode(ScenePart::Location),
            SceneError::SeparatorInCode(ScenePart::Channel),
        ];
        for e in errors {
            assert!(!e.message(Lang::Zh).is_empty());
            assert!(!e.message(Lang::En).is_empty());
        }
        assert!(SceneError::TooLong { length: 33 }
            .message(Lang::Zh)
            .contains("33"));
    }
}
