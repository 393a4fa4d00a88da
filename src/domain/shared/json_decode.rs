//! JSON text straight into typed rows, with the failing field named
//! (`[3].visits`) when it does not fit.
//!
//! Why not `serde_json::Value` and then the rows: building the value tree
//! first doubled the decoding work on the main thread, and tracking the field
//! path through every value (the `serde_path_to_error` crate did) cost about
//! 140 KiB of the app's first-load wasm. serde_json's error already says where
//! in the text it stopped; [`path_at`] turns that position into the path,
//! by scanning the text once, only when decoding failed.

use serde::de::DeserializeOwned;

/// Why the text did not decode: where (a field path, `.` for the whole
/// document) and serde's words for what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonDecodeError {
    pub path: String,
    pub detail: String,
    /// Not JSON at all (a syntax error), rather than JSON of another shape.
    pub syntax: bool,
}

/// Decodes `text` into `T`.
pub fn decode_json<T: DeserializeOwned>(text: &str) -> Result<T, JsonDecodeError> {
    serde_json::from_str(text).map_err(|e| {
        // serde_json calls some shape errors syntax errors (a number where an
        // enum's id belongs is "expected value"), so only text that does not
        // parse as any JSON at all counts as broken.
        if let Err(broken) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            return JsonDecodeError {
                path: ".".into(),
                detail: broken.to_string(),
                syntax: true,
            };
        }
        let offset = byte_offset(text, e.line(), e.column());
        JsonDecodeError {
            path: path_at(text, offset),
            detail: without_position(&e.to_string()),
            syntax: false,
        }
    })
}

/// serde_json's message ends with " at line 1 column 5321": the path says
/// where, in terms the reader knows.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

/// serde_json's 1-based line and column (in bytes) as an offset into `text`.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// Where the scanner is inside one array or object.
enum Frame {
    Array { index: usize },
    Object { key: Option<String> },
}

/// The path of the value being read at byte `offset` of `text`, in
/// `serde_path_to_error`'s notation: `[1].target`, `data.items[0]`, and `.`
/// for the document itself. Tolerates text that is not valid JSON (it is
/// called on failures): it only tracks brackets, commas, colons and strings.
pub fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    // In an object, the next string is a key until its colon.
    let mut expecting_key = false;
    let mut i = 0;
    while i < end {
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'"' => {
                let start = i + 1;
                i = start;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if expecting_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                        *key = Some(unescape_key(raw));
                    }
                }
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expecting_key = false;
            }
            b'{' => {
                stack.push(Frame::Object { key: None });
                expecting_key = true;
            }
            b']' | b'}' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => {
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            b':' => expecting_key = false,
            _ => {}
        }
        i += 1;
    }
    render(&stack)
}

/// A key as written, with the common escapes read (a key with `\u` escapes
/// keeps them: it is only shown).
fn unescape_key(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    raw.replace("\\\"", "\"")
        .replace("\\/", "/")
        .replace("\\\\", "\\")
}

fn render(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
            Frame::Object { key: Some(key) } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            // Before the first key of an object: the object itself.
            Frame::Object { key: None } => {}
        }
    }
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Row {
        id: String,
        visits: u32,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        rate: f64,
    }

    fn path_of(text: &str) -> String {
        decode_json::<Vec<Row>>(text).unwrap_err().path
    }

    #[test]
    fn good_text_decodes() {
        let rows: Vec<Row> =
            decode_json(r#"[{"id":"a","visits":3},{"id":"b","visits":4,"tags":["x"]}]"#).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].tags, vec!["x".to_string()]);
    }

    #[test]
    fn the_failing_field_is_named() {
        assert_eq!(
            path_of(r#"[{"id":"a","visits":3},{"id":"b","visits":"many"}]"#),
            "[1].visits"
        );
        assert_eq!(
            path_of(r#"[{"id":"a","visits":3,"inner":{"rate":"x"}}]"#),
            "[0].inner.rate"
        );
        assert_eq!(
            path_of(r#"[{"id":"a","visits":3,"tags":["x",2]}]"#),
            "[0].tags[1]"
        );
        // Strings with brackets, commas, colons and escaped quotes inside
        // do not move the path.
        assert_eq!(
            path_of(r#"[{"id":"a,[{\":}","visits":1},{"id":"b\\","visits":-1}]"#),
            "[1].visits"
        );
        // Pretty-printed text (several lines) too.
        assert_eq!(
            path_of("[\n  {\"id\": \"a\", \"visits\": 1},\n  {\n    \"id\": \"b\",\n    \"visits\": true\n  }\n]"),
            "[1].visits"
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Post,
        Video,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Tagged {
        kinds: Vec<Kind>,
    }

    #[test]
    fn an_unknown_enum_id_inside_a_list_is_named_by_its_index() {
        let err = decode_json::<Vec<Tagged>>(
            r#"[{"kinds":[]},{"kinds":[]},{"kinds":["post","reel","video"]}]"#,
        )
        .unwrap_err();
        assert_eq!(err.path, "[2].kinds[1]");
        assert!(err.detail.contains("reel"), "{}", err.detail);
        // A number where the id belongs: serde_json's "expected value", a
        // wrong shape and not broken text.
        let err = decode_json::<Vec<Tagged>>(r#"[{"kinds":["post"]},{"kinds":[42]}]"#).unwrap_err();
        assert_eq!(err.path, "[1].kinds[0]");
        assert!(!err.syntax);
        let _ = (Kind::Post, Kind::Video);
    }

    #[test]
    fn a_missing_field_names_its_row() {
        let err = decode_json::<Vec<Row>>(r#"[{"id":"a"},{"id":"b","visits":1}]"#).unwrap_err();
        assert_eq!(err.path, "[0]");
        let err = decode_json::<Vec<Row>>(r#"[{"id":"a","visits":1},{"id":"b"}]"#).unwrap_err();
        assert_eq!(err.path, "[1]");
        assert!(err.detail.contains("visits"), "{}", err.detail);
        assert!(!err.detail.contains("line"), "{}", err.detail);
        assert!(!err.syntax);
    }

    #[test]
    fn a_field_named_twice_is_refused_at_its_row() {
        let err = decode_json::<Vec<Row>>(r#"[{"id":"a","visits":1,"visits":2}]"#).unwrap_err();
        assert!(err.detail.contains("duplicate field"), "{}", err.detail);
        assert_eq!(err.path, "[0].visits");
    }

    #[test]
    fn wrong_shapes_and_broken_text() {
        let err = decode_json::<Vec<Row>>(r#"{"id":"a"}"#).unwrap_err();
        assert_eq!(err.path, ".");
        assert!(!err.syntax);
        let err = decode_json::<Vec<Row>>("[oops").unwrap_err();
        assert!(err.syntax);
        // An object where a list belongs is a wrong shape before it is bad text.
        let err = decode_json::<Vec<Row>>("{oops").unwrap_err();
        assert_eq!(err.path, ".");
        let err = decode_json::<Vec<Row>>(r#"[{"id":"a","visits":1"#).unwrap_err();
        assert!(err.syntax);
        assert_eq!(decode_json::<Vec<Row>>("").unwrap_err().path, ".");
    }

    #[test]
    fn paths_at_any_offset_never_panic() {
        let text = r#"{"data":{"items":[{"a":"é\"[","b":[1,{"c":2}]}]}}"#;
        for offset in 0..=text.len() + 3 {
            let _ = path_at(text, offset);
        }
        let at_c = text.find("2}").unwrap();
        assert_eq!(path_at(text, at_c), "data.items[0].b[1].c");
        // Unbalanced or stray closers are tolerated.
        assert_eq!(path_at("]]}}", 4), ".");
        assert_eq!(path_at("\"unterminated", 50), ".");
    }

    #[test]
    fn positions_become_offsets() {
        let text = "ab\ncd\nef";
        assert_eq!(byte_offset(text, 1, 2), 2);
        assert_eq!(byte_offset(text, 2, 1), 4);
        assert_eq!(byte_offset(text, 3, 2), 8);
        assert_eq!(byte_offset(text, 9, 9), text.len());
    }
}
