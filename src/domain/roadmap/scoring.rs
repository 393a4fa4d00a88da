//! Priority scores for roadmap cards: the seed's default score from value,
//! relevance and cost, RICE, ICE and a weighted score with editable weights.
//!
//! Every score is a pure function that returns a [`ScoreError`] instead of a
//! number when an input is missing, out of range or a divisor is zero, so no
//! NaN or infinity ever reaches a card. [`explain`] gives the inputs and the
//! arithmetic behind a card's number, because the screen must show how each
//! score was reached (issue 10).

use serde::{Deserialize, Serialize};

use crate::domain::roadmap::model::RoadmapItem;
use crate::domain::shared::labelled::labelled_enum;
use crate::i18n::Lang;

labelled_enum! {
    /// How a board turns a card's inputs into its priority score; chosen per
    /// board and persisted with its weights in [`Scoring`].
    ScoringMethod {
        Default = "default", "价值·相关度÷成本", "Value · relevance ÷ cost";
        Rice = "rice", "RICE", "RICE";
        Ice = "ice", "ICE", "ICE";
        Weighted = "weighted", "加权评分", "Weighted score";
    }
}

/// The weights of the weighted score. Cost counts inverted (6 − cost), so a
/// larger weight on cost favours cheap items, like the other two axes
/// favour valuable and relevant ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub value: f64,
    pub relevance: f64,
    pub cost: f64,
}

impl Default for Weights {
    /// Equal weights: the plain mean of the three axes.
    fn default() -> Self {
        Weights {
            value: 1.0,
            relevance: 1.0,
            cost: 1.0,
        }
    }
}

/// A board's scoring choice. `#[serde(default)]` so a stored choice from an
/// older version (or none) still decodes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scoring {
    pub method: ScoringMethod,
    pub weights: Weights,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            method: ScoringMethod::Default,
            weights: Weights::default(),
        }
    }
}

/// RICE inputs: reach (people per quarter, ≥ 0), impact (0–3, the usual
/// 0.25 / 0.5 / 1 / 2 / 3 scale), confidence (0–1) and effort
/// (person-months, > 0).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rice {
    pub reach: f64,
    pub impact: f64,
    pub confidence: f64,
    pub effort: f64,
}

/// ICE inputs, each 1–10.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ice {
    pub impact: f64,
    pub confidence: f64,
    pub ease: f64,
}

/// The inputs a score can be computed from. The axes are always on a card;
/// RICE and ICE only when the team has filled them in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreInputs {
    pub value: u8,
    pub relevance: u8,
    pub cost: u8,
    pub rice: Option<Rice>,
    pub ice: Option<Ice>,
}

impl ScoreInputs {
    /// The axes of a card, and its RICE and ICE inputs where filled in.
    pub fn of(item: &RoadmapItem) -> Self {
        ScoreInputs {
            value: item.value,
            relevance: item.relevance,
            cost: item.cost,
            rice: item.rice,
            ice: item.ice,
        }
    }
}

/// One input of a score, named so the screen can label it in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Value,
    Relevance,
    Cost,
    Reach,
    Impact,
    Confidence,
    Effort,
    Ease,
    Weights,
}

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Value => lang.tr("价值", "Value"),
            Field::Relevance => lang.tr("相关度", "Relevance"),
            Field::Cost => lang.tr("成本", "Cost"),
            Field::Reach => lang.tr("触达人数", "Reach"),
            Field::Impact => lang.tr("影响力", "Impact"),
            Field::Confidence => lang.tr("信心", "Confidence"),
            Field::Effort => lang.tr("工作量", "Effort"),
            Field::Ease => lang.tr("易实现度", "Ease"),
            Field::Weights => lang.tr("权重", "Weights"),
        }
    }
}

/// Why a card has no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreError {
    /// The method needs inputs the card does not have (RICE or ICE unset).
    Missing(Field),
    /// An input outside its range, or not a finite number.
    OutOfRange(Field),
    /// A divisor is zero: zero effort, or weights that sum to zero.
    Zero(Field),
}

impl ScoreError {
    pub fn message(self, lang: Lang) -> String {
        match self {
            ScoreError::Missing(f) => {
                format!("{}: {}", lang.tr("未填写", "Not set"), f.label(lang))
            }
            ScoreError::OutOfRange(f) => {
                format!("{}: {}", lang.tr("超出范围", "Out of range"), f.label(lang))
            }
            ScoreError::Zero(f) => format!(
                "{}: {}",
                lang.tr("不能为零", "Cannot be zero"),
                f.label(lang)
            ),
        }
    }
}

/// An axis of the seed's 1–5 scale, as a number.
fn axis(v: u8, field: Field) -> Result<f64, ScoreError> {
    if (1..=5).contains(&v) {
        Ok(f64::from(v))
    } else {
        Err(ScoreError::OutOfRange(field))
    }
}

/// `x` if it is finite and within `lo..=hi`.
fn within(x: f64, lo: f64, hi: f64, field: Field) -> Result<f64, ScoreError> {
    if x.is_finite() && (lo..=hi).contains(&x) {
        Ok(x)
    } else {
        Err(ScoreError::OutOfRange(field))
    }
}

/// A result that must be finite (huge reach × impact could overflow).
fn finite(x: f64, field: Field) -> Result<f64, ScoreError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(ScoreError::OutOfRange(field))
    }
}

/// The seed's default score: (value + relevance) ÷ cost, each 1–5, so it
/// runs from 0.4 (2 ÷ 5) to 10 (10 ÷ 1). Dividing by cost makes a cheap
/// item of equal worth rank above an expensive one, as the seed asks.
pub fn default_score(value: u8, relevance: u8, cost: u8) -> Result<f64, ScoreError> {
    let (v, r, c) = (
        axis(value, Field::Value)?,
        axis(relevance, Field::Relevance)?,
        axis(cost, Field::Cost)?,
    );
    Ok((v + r) / c)
}

/// RICE = reach × impact × confidence ÷ effort.
pub fn rice_score(rice: &Rice) -> Result<f64, ScoreError> {
    let reach = within(rice.reach, 0.0, f64::MAX, Field::Reach)?;
    let impact = within(rice.impact, 0.0, 3.0, Field::Impact)?;
    let confidence = within(rice.confidence, 0.0, 1.0, Field::Confidence)?;
    let effort = within(rice.effort, 0.0, f64::MAX, Field::Effort)?;
    if effort == 0.0 {
        return Err(ScoreError::Zero(Field::Effort));
    }
    finite(reach * impact * confidence / effort, Field::Reach)
}

/// ICE = impact × confidence × ease, each 1–10 (so 1 to 1000).
pub fn ice_score(ice: &Ice) -> Result<f64, ScoreError> {
    let impact = within(ice.impact, 1.0, 10.0, Field::Impact)?;
    let confidence = within(ice.confidence, 1.0, 10.0, Field::Confidence)?;
    let ease = within(ice.ease, 1.0, 10.0, Field::Ease)?;
    Ok(impact * confidence * ease)
}

/// The weighted mean of value, relevance and (6 − cost), on the same 1–5
/// scale as the axes whatever the weights. Weights must be finite and ≥ 0,
/// and not all zero.
pub fn weighted_score(value: u8, relevance: u8, cost: u8, w: &Weights) -> Result<f64, ScoreError> {
    let (v, r, c) = (
        axis(value, Field::Value)?,
        axis(relevance, Field::Relevance)?,
        axis(cost, Field::Cost)?,
    );
    for x in [w.value, w.relevance, w.cost] {
        within(x, 0.0, f64::MAX, Field::Weights)?;
    }
    let sum = w.value + w.relevance + w.cost;
    if sum == 0.0 {
        return Err(ScoreError::Zero(Field::Weights));
    }
    finite(
        (w.value * v + w.relevance * r + w.cost * (6.0 - c)) / sum,
        Field::Weights,
    )
}

impl Scoring {
    /// The card's score under this board's method.
    pub fn score(&self, inputs: &ScoreInputs) -> Result<f64, ScoreError> {
        explain(self, inputs).map(|e| e.score)
    }

    /// The formula, as shown above the board.
    pub fn formula(&self, lang: Lang) -> String {
        match self.method {
            ScoringMethod::Default => lang
                .tr("(价值 + 相关度) ÷ 成本", "(value + relevance) ÷ cost")
                .to_string(),
            ScoringMethod::Rice => lang
                .tr(
                    "触达人数 × 影响力 × 信心 ÷ 工作量",
                    "reach × impact × confidence ÷ effort",
                )
                .to_string(),
            ScoringMethod::Ice => lang
                .tr("影响力 × 信心 × 易实现度", "impact × confidence × ease")
                .to_string(),
            ScoringMethod::Weighted => {
                let w = &self.weights;
                let (v, r, c) = (
                    Field::Value.label(lang),
                    Field::Relevance.label(lang),
                    Field::Cost.label(lang),
                );
                let (v, r, c) = (v.to_lowercase(), r.to_lowercase(), c.to_lowercase());
                format!(
                    "({} × {v} + {} × {r} + {} × (6 − {c})) ÷ {}",
                    num(w.value),
                    num(w.relevance),
                    num(w.cost),
                    num(w.value + w.relevance + w.cost)
                )
            }
        }
    }
}

/// How a card's number was reached: the inputs used, the arithmetic with the
/// card's own numbers (language-neutral), and the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub method: ScoringMethod,
    pub inputs: Vec<(Field, f64)>,
    pub arithmetic: String,
    pub score: f64,
}

/// A number as the explanation prints it: up to two decimals, no trailing
/// zeros ("3", "2.5", "0.33").
pub fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The score of `inputs` under `scoring`, with its inputs and steps.
pub fn explain(scoring: &Scoring, inputs: &ScoreInputs) -> Result<Explanation, ScoreError> {
    let (v, r, c) = (
        f64::from(inputs.value),
        f64::from(inputs.relevance),
        f64::from(inputs.cost),
    );
    let method = scoring.method;
    let axes = vec![(Field::Value, v), (Field::Relevance, r), (Field::Cost, c)];
    let (inputs_used, arithmetic, score) = match method {
        ScoringMethod::Default => {
            let s = default_score(inputs.value, inputs.relevance, inputs.cost)?;
            let text = format!("({} + {}) ÷ {} = {}", num(v), num(r), num(c), num(s));
            (axes, text, s)
        }
        ScoringMethod::Weighted => {
            let w = &scoring.weights;
            let s = weighted_score(inputs.value, inputs.relevance, inputs.cost, w)?;
            let text = format!(
                "({} × {} + {} × {} + {} × (6 − {})) ÷ {} = {}",
                num(w.value),
                num(v),
                num(w.relevance),
                num(r),
                num(w.cost),
                num(c),
                num(w.value + w.relevance + w.cost),
                num(s)
            );
            (axes, text, s)
        }
        ScoringMethod::Rice => {
            let x = inputs.rice.ok_or(ScoreError::Missing(Field::Reach))?;
            let s = rice_score(&x)?;
            let text = format!(
                "{} × {} × {} ÷ {} = {}",
                num(x.reach),
                num(x.impact),
                num(x.confidence),
                num(x.effort),
                num(s)
            );
            let used = vec![
                (Field::Reach, x.reach),
                (Field::Impact, x.impact),
                (Field::Confidence, x.confidence),
                (Field::Effort, x.effort),
            ];
            (used, text, s)
        }
        ScoringMethod::Ice => {
            let x = inputs.ice.ok_or(ScoreError::Missing(Field::Impact))?;
            let s = ice_score(&x)?;
            let text = format!(
                "{} × {} × {} = {}",
                num(x.impact),
                num(x.confidence),
                num(x.ease),
                num(s)
            );
            let used = vec![
                (Field::Impact, x.impact),
                (Field::Confidence, x.confidence),
                (Field::Ease, x.ease),
            ];
            (used, text, s)
        }
    };
    Ok(Explanation {
        method,
        inputs: inputs_used,
        arithmetic,
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes(value: u8, relevance: u8, cost: u8) -> ScoreInputs {
        ScoreInputs {
            value,
            relevance,
            cost,
            rice: None,
            ice: None,
        }
    }

    #[test]
    fn default_score_is_value_plus_relevance_over_cost() {
        // (4 + 5) / 3 = 3
        assert_eq!(default_score(4, 5, 3), Ok(3.0));
        // extremes: (1 + 1) / 5 = 0.4 and (5 + 5) / 1 = 10
        assert_eq!(default_score(1, 1, 5), Ok(0.4));
        assert_eq!(default_score(5, 5, 1), Ok(10.0));
    }

    #[test]
    fn default_score_rejects_zero_cost_and_out_of_range_axes() {
        // cost 0 is outside 1–5: an error, never an infinity
        assert_eq!(
            default_score(3, 3, 0),
            Err(ScoreError::OutOfRange(Field::Cost))
        );
        assert_eq!(
            default_score(6, 3, 2),
            Err(ScoreError::OutOfRange(Field::Value))
        );
        assert_eq!(
            default_score(3, 0, 2),
            Err(ScoreError::OutOfRange(Field::Relevance))
        );
    }

    #[test]
    fn rice_multiplies_and_divides_by_effort() {
        // 1000 × 2 × 0.8 / 4 = 400
        let r = Rice {
            reach: 1000.0,
            impact: 2.0,
            confidence: 0.8,
            effort: 4.0,
        };
        assert_eq!(rice_score(&r), Ok(400.0));
    }

    #[test]
    fn rice_with_zero_effort_or_bad_inputs_is_an_error() {
        let r = Rice {
            reach: 1000.0,
            impact: 2.0,
            confidence: 0.8,
            effort: 0.0,
        };
        assert_eq!(rice_score(&r), Err(ScoreError::Zero(Field::Effort)));
        let neg = Rice { effort: -1.0, ..r };
        assert_eq!(rice_score(&neg), Err(ScoreError::OutOfRange(Field::Effort)));
        let sure = Rice {
            confidence: 1.5,
            effort: 1.0,
            ..r
        };
        assert_eq!(
            rice_score(&sure),
            Err(ScoreError::OutOfRange(Field::Confidence))
        );
        let nan = Rice {
            reach: f64::NAN,
            effort: 1.0,
            ..r
        };
        assert_eq!(rice_score(&nan), Err(ScoreError::OutOfRange(Field::Reach)));
        // f64::MAX × 3 overflows to infinity: refused, not shown
        let huge = Rice {
            reach: f64::MAX,
            impact: 3.0,
            confidence: 1.0,
            effort: 1.0,
        };
        assert!(rice_score(&huge).is_err());
    }

    #[test]
    fn ice_is_the_product_of_three_1_to_10_inputs() {
        // 8 × 5 × 2 = 80
        let i = Ice {
            impact: 8.0,
            confidence: 5.0,
            ease: 2.0,
        };
        assert_eq!(ice_score(&i), Ok(80.0));
        // zero ease is below the 1–10 scale
        let zero = Ice { ease: 0.0, ..i };
        assert_eq!(ice_score(&zero), Err(ScoreError::OutOfRange(Field::Ease)));
    }

    #[test]
    fn weighted_score_is_a_mean_on_the_axes_scale() {
        // equal weights: (4 + 5 + (6 − 3)) / 3 = 12 / 3 = 4
        assert_eq!(weighted_score(4, 5, 3, &Weights::default()), Ok(4.0));
        // value weighs 2, relevance 1, cost 0: (2×4 + 1×5 + 0) / 3 = 13 / 3
        let w = Weights {
            value: 2.0,
            relevance: 1.0,
            cost: 0.0,
        };
        let s = weighted_score(4, 5, 3, &w).unwrap();
        assert!((s - 13.0 / 3.0).abs() < 1e-12);
        // only cost counts: 6 − 1 = 5 for the cheapest item
        let w = Weights {
            value: 0.0,
            relevance: 0.0,
            cost: 1.0,
        };
        assert_eq!(weighted_score(1, 1, 1, &w), Ok(5.0));
    }

    #[test]
    fn weighted_score_refuses_zero_or_negative_weights() {
        let zero = Weights {
            value: 0.0,
            relevance: 0.0,
            cost: 0.0,
        };
        assert_eq!(
            weighted_score(3, 3, 3, &zero),
            Err(ScoreError::Zero(Field::Weights))
        );
        let neg = Weights {
            value: -1.0,
            ..Weights::default()
        };
        assert_eq!(
            weighted_score(3, 3, 3, &neg),
            Err(ScoreError::OutOfRange(Field::Weights))
        );
        let inf = Weights {
            value: f64::INFINITY,
            ..Weights::default()
        };
        assert_eq!(
            weighted_score(3, 3, 3, &inf),
            Err(ScoreError::OutOfRange(Field::Weights))
        );
    }

    #[test]
    fn scoring_defaults_and_old_stored_choices_decode() {
        let s = Scoring::default();
        assert_eq!(s.method, ScoringMethod::Default);
        assert_eq!(s.weights, Weights::default());
        // a stored choice without weights, or with one weight, still decodes
        let old: Scoring = serde_json::from_str(r#"{"method":"rice"}"#).unwrap();
        assert_eq!(old.method, ScoringMethod::Rice);
        assert_eq!(old.weights, Weights::default());
        let partial: Scoring = serde_json::from_str(r#"{"weights":{"cost":2}}"#).unwrap();
        assert_eq!(
            partial.weights,
            Weights {
                value: 1.0,
                relevance: 1.0,
                cost: 2.0
            }
        );
        assert_eq!(
            ScoringMethod::from_id("weighted"),
            Some(ScoringMethod::Weighted)
        );
    }

    #[test]
    fn explain_shows_inputs_and_arithmetic() {
        let e = explain(&Scoring::default(), &axes(4, 5, 3)).unwrap();
        assert_eq!(e.arithmetic, "(4 + 5) ÷ 3 = 3");
        assert_eq!(
            e.inputs,
            vec![
                (Field::Value, 4.0),
                (Field::Relevance, 5.0),
                (Field::Cost, 3.0)
            ]
        );
        // (2 + 2) / 3 = 1.333… shown as 1.33
        assert_eq!(
            explain(&Scoring::default(), &axes(2, 2, 3))
                .unwrap()
                .arithmetic,
            "(2 + 2) ÷ 3 = 1.33"
        );

        let weighted = Scoring {
            method: ScoringMethod::Weighted,
            weights: Weights {
                value: 2.0,
                relevance: 1.0,
                cost: 1.0,
            },
        };
        // (2×4 + 1×5 + 1×(6 − 3)) / 4 = 16 / 4 = 4
        let e = explain(&weighted, &axes(4, 5, 3)).unwrap();
        assert_eq!(e.arithmetic, "(2 × 4 + 1 × 5 + 1 × (6 − 3)) ÷ 4 = 4");
        assert_eq!(e.score, 4.0);
    }

    #[test]
    fn explain_rice_and_ice_need_their_inputs() {
        let rice = Scoring {
            method: ScoringMethod::Rice,
            ..Scoring::default()
        };
        assert_eq!(
            explain(&rice, &axes(3, 3, 3)),
            Err(ScoreError::Missing(Field::Reach))
        );
        let mut with = axes(3, 3, 3);
        with.rice = Some(Rice {
            reach: 500.0,
            impact: 1.0,
            confidence: 0.5,
            effort: 2.0,
        });
        // 500 × 1 × 0.5 / 2 = 125
        let e = explain(&rice, &with).unwrap();
        assert_eq!(e.arithmetic, "500 × 1 × 0.5 ÷ 2 = 125");
        assert_eq!(rice.score(&with), Ok(125.0));

        let ice = Scoring {
            method: ScoringMethod::Ice,
            ..Scoring::default()
        };
        assert_eq!(ice.score(&with), Err(ScoreError::Missing(Field::Impact)));
        with.ice = Some(Ice {
            impact: 2.0,
            confidence: 3.0,
            ease: 4.0,
        });
        // 2 × 3 × 4 = 24
        assert_eq!(explain(&ice, &with).unwrap().arithmetic, "2 × 3 × 4 = 24");
    }

    #[test]
    fn formulas_read_in_both_languages() {
        let s = Scoring::default();
        assert_eq!(s.formula(Lang::Zh), "(价值 + 相关度) ÷ 成本");
        assert_eq!(s.formula(Lang::En), "(value + relevance) ÷ cost");
        let w = Scoring {
            method: ScoringMethod::Weighted,
            weights: Weights {
                value: 2.0,
                relevance: 1.0,
                cost: 0.5,
            },
        };
        assert_eq!(
            w.formula(Lang::En),
            "(2 × value + 1 × relevance + 0.5 × (6 − cost)) ÷ 3.5"
        );
        assert_eq!(
            w.formula(Lang::Zh),
            "(2 × 价值 + 1 × 相关度 + 0.5 × (6 − 成本)) ÷ 3.5"
        );
    }

    #[test]
    fn errors_have_messages_and_num_trims_zeros() {
        assert_eq!(
            ScoreError::Zero(Field::Effort).message(Lang::En),
            "Cannot be zero: Effort"
        );
        assert_eq!(
            ScoreError::Zero(Field::Effort).message(Lang::Zh),
            "不能为零: 工作量"
        );
        assert_eq!(num(2.50), "2.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(10.0), "10");
    }
}
