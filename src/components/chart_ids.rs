//! Stable ids for the parts of an ECharts option that `Chart` replaces on
//! update (series, axes, legend, visual map), so that ECharts updates the
//! part it already drew instead of building it anew.
//!
//! Why: `setOption` with `replaceMerge` matches old and new parts only by
//! id. Without ids every update threw away each series and axis and built
//! new ones — most of a cockpit filter change on a throttled tablet. An id
//! is the part's kind, its position and a digest of its *shape* (the object
//! keys, recursively; arrays count as leaves because ECharts replaces them
//! whole). A part keeps its id only while it has the same shape, so ECharts
//! merges it only when every key of the old option is set again by the new
//! one: nothing of the previous option can linger (e.g. a mark line the new
//! period no longer has gives a new shape, hence a new series).

use serde_json::Value;

/// The option keys `Chart` replaces on update (its `replaceMerge` list).
pub const REPLACED: [&str; 5] = ["series", "xAxis", "yAxis", "visualMap", "legend"];

/// Gives every replaced part without an id one derived from its kind,
/// position and shape.
pub fn add_stable_ids(option: &mut Value) {
    let Some(root) = option.as_object_mut() else {
        return;
    };
    for key in REPLACED {
        match root.get_mut(key) {
            Some(Value::Array(parts)) => {
                for (i, part) in parts.iter_mut().enumerate() {
                    set_id(part, key, i);
                }
            }
            Some(part @ Value::Object(_)) => set_id(part, key, 0),
            _ => {}
        }
    }
}

fn set_id(part: &mut Value, key: &str, index: usize) {
    let digest = {
        let mut shape = String::new();
        shape_of(part, &mut shape);
        fnv1a(shape.as_bytes())
    };
    if let Value::Object(map) = part {
        if map.get("id").is_some_and(|v| !v.is_null()) {
            return;
        }
        map.insert(
            "id".to_string(),
            Value::String(format!("{key}{index}-{digest:016x}")),
        );
    }
}

/// The keys of nested objects, in order, and the `type` of each; other values
/// and arrays reduce to a mark of their kind (a value turning into an object
/// is a new shape too).
fn shape_of(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            out.push('{');
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for k in keys {
                out.push_str(k);
                out.push(':');
                match map.get(k) {
                    // A series of another type is another thing.
                    Some(Value::String(t)) if k == "type" => out.push_str(t),
                    Some(child) => shape_of(child, out),
                    None => {}
                }
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(_) => out.push_str("[]"),
        _ => out.push('.'),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(v: &Value, key: &str) -> Vec<String> {
        match v.get(key) {
            Some(Value::Array(a)) => a
                .iter()
                .map(|p| p["id"].as_str().unwrap_or_default().to_string())
                .collect(),
            Some(p) => vec![p["id"].as_str().unwrap_or_default().to_string()],
            None => vec![],
        }
    }

    #[test]
    fn same_shape_other_data_keeps_the_ids() {
        let mut a =
            json!({"series": [{"type": "line", "data": [1, 2, 3]}], "xAxis": [{"data": ["a"]}]});
        let mut b = json!({"series": [{"type": "line", "data": [4, 5, 6, 7]}], "xAxis": [{"data": ["b", "c"]}]});
        add_stable_ids(&mut a);
        add_stable_ids(&mut b);
        assert_eq!(ids(&a, "series"), ids(&b, "series"));
        assert_eq!(ids(&a, "xAxis"), ids(&b, "xAxis"));
        assert!(ids(&a, "series")[0].starts_with("series0-"));
    }

    #[test]
    fn a_key_that_disappears_changes_the_id() {
        let mut with_marks =
            json!({"series": [{"type": "line", "data": [1], "markLine": {"data": []}}]});
        let mut without = json!({"series": [{"type": "line", "data": [1]}]});
        let mut nested = json!({"series": [{"type": "line", "data": [1], "markLine": {}}]});
        add_stable_ids(&mut with_marks);
        add_stable_ids(&mut without);
        add_stable_ids(&mut nested);
        assert_ne!(ids(&with_marks, "series"), ids(&without, "series"));
        assert_ne!(ids(&with_marks, "series"), ids(&nested, "series"));
        let mut bar = json!({"series": [{"type": "bar", "data": [1]}]});
        add_stable_ids(&mut bar);
        assert_ne!(ids(&bar, "series"), ids(&without, "series"));
    }

    #[test]
    fn position_and_kind_are_part_of_the_id() {
        let mut v = json!({
            "series": [{"type": "line"}, {"type": "line"}],
            "yAxis": {"type": "value"},
            "legend": [{"top": 0}],
        });
        add_stable_ids(&mut v);
        let s = ids(&v, "series");
        assert_ne!(s[0], s[1]);
        assert!(s[1].starts_with("series1-"));
        assert!(ids(&v, "yAxis")[0].starts_with("yAxis0-"));
        assert!(ids(&v, "legend")[0].starts_with("legend0-"));
    }

    #[test]
    fn an_own_id_is_kept_and_other_keys_are_untouched() {
        let mut v =
            json!({"series": [{"id": "mine", "type": "bar"}], "grid": {"left": 1}, "tooltip": {}});
        add_stable_ids(&mut v);
        assert_eq!(ids(&v, "series"), vec!["mine".to_string()]);
        assert_eq!(v["grid"], json!({"left": 1}));
        assert_eq!(v["tooltip"], json!({}));
        let mut not_an_object = json!([1, 2]);
        add_stable_ids(&mut not_an_object);
        assert_eq!(not_an_object, json!([1, 2]));
    }
}
