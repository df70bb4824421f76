//! Participant rules ("more than 30") and their evaluation.

use crate::reader::FromJson;
use crate::text::Text;
use schemars::JsonSchema;
use serde::Serialize;

/// How many participants a session must have.
///
/// In JSON: `{"more_than": 30}`, `{"at_least": 31}` or `{"between": {"min": 10, "max": 40}}`.
/// "Over 30" in the 2017 press release means 31 or more: `MoreThan(30)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ParticipantRule {
    /// Strictly more than N.
    MoreThan(u32),
    /// N or more.
    AtLeast(u32),
    /// From `min` to `max`, both included.
    Between {
        /// Smallest acceptable count.
        min: u32,
        /// Largest acceptable count.
        max: u32,
    },
}

/// The result of evaluating a rule against a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum RuleOutcome {
    /// The count satisfies the rule.
    Met,
    /// The count is `by` short of the minimum.
    Short {
        /// How many more participants were needed.
        by: u32,
    },
    /// The count exceeds the maximum of a `between` rule by `by`.
    Over {
        /// How many participants too many.
        by: u32,
    },
    /// No count is known.
    NoData,
}

impl RuleOutcome {
    /// `met`, `short`, `over` or `no_data` (the `result` tag written in JSON).
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleOutcome::Met => "met",
            RuleOutcome::Short { .. } => "short",
            RuleOutcome::Over { .. } => "over",
            RuleOutcome::NoData => "no_data",
        }
    }

    /// How many participants were missing (negative: over the maximum; 0 when met;
    /// `None` without data).
    pub fn short_by(&self) -> Option<i64> {
        match *self {
            RuleOutcome::Met => Some(0),
            RuleOutcome::Short { by } => Some(i64::from(by)),
            RuleOutcome::Over { by } => Some(-i64::from(by)),
            RuleOutcome::NoData => None,
        }
    }
}

impl ParticipantRule {
    /// The smallest count that satisfies the rule.
    ///
    /// ```
    /// use campaign_core::ParticipantRule;
    /// assert_eq!(ParticipantRule::MoreThan(30).minimum(), 31);
    /// ```
    pub fn minimum(&self) -> u32 {
        match *self {
            ParticipantRule::MoreThan(n) => n.saturating_add(1),
            ParticipantRule::AtLeast(n) => n,
            ParticipantRule::Between { min, .. } => min,
        }
    }

    /// The largest count that satisfies the rule, if bounded.
    pub fn maximum(&self) -> Option<u32> {
        match *self {
            ParticipantRule::Between { max, .. } => Some(max),
            _ => None,
        }
    }

    /// Evaluates the rule against a count, if known.
    ///
    /// ```
    /// use campaign_core::{ParticipantRule, RuleOutcome};
    /// let r = ParticipantRule::MoreThan(30);
    /// assert_eq!(r.evaluate(Some(30)), RuleOutcome::Short { by: 1 });
    /// assert_eq!(r.evaluate(Some(31)), RuleOutcome::Met);
    /// assert_eq!(r.evaluate(None), RuleOutcome::NoData);
    /// ```
    pub fn evaluate(&self, count: Option<u32>) -> RuleOutcome {
        let Some(n) = count else {
            return RuleOutcome::NoData;
        };
        let min = self.minimum();
        if n < min {
            return RuleOutcome::Short { by: min - n };
        }
        match self.maximum() {
            Some(max) if n > max => RuleOutcome::Over { by: n - max },
            _ => RuleOutcome::Met,
        }
    }

    /// A short description, e.g. "mbi 30" / "more than 30".
    pub fn describe(&self) -> Text {
        match *self {
            ParticipantRule::MoreThan(n) => Text::new(format!("mbi {n}"), format!("more than {n}")),
            ParticipantRule::AtLeast(n) => {
                Text::new(format!("të paktën {n}"), format!("at least {n}"))
            }
            ParticipantRule::Between { min, max } => Text::new(
                format!("nga {min} deri në {max}"),
                format!("between {min} and {max}"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RuleOutcome::*;

    #[test]
    fn threshold_table() {
        let cases = [
            (ParticipantRule::MoreThan(30), Some(0), Short { by: 31 }),
            (ParticipantRule::MoreThan(30), Some(30), Short { by: 1 }),
            (ParticipantRule::MoreThan(30), Some(31), Met),
            (ParticipantRule::MoreThan(30), Some(500), Met),
            (ParticipantRule::AtLeast(31), Some(30), Short { by: 1 }),
            (ParticipantRule::AtLeast(31), Some(31), Met),
            (ParticipantRule::AtLeast(0), Some(0), Met),
            (
                ParticipantRule::Between { min: 10, max: 40 },
                Some(9),
                Short { by: 1 },
            ),
            (ParticipantRule::Between { min: 10, max: 40 }, Some(10), Met),
            (ParticipantRule::Between { min: 10, max: 40 }, Some(40), Met),
            (
                ParticipantRule::Between { min: 10, max: 40 },
                Some(41),
                Over { by: 1 },
            ),
            (ParticipantRule::AtLeast(5), None, NoData),
        ];
        for (rule, count, want) in cases {
            assert_eq!(rule.evaluate(count), want, "{rule:?} {count:?}");
        }
    }

    #[test]
    fn json_forms() {
        let r: ParticipantRule = serde_json::from_str(r#"{"more_than":30}"#).unwrap();
        assert_eq!(r, ParticipantRule::MoreThan(30));
        let r: ParticipantRule = serde_json::from_str(r#"{"between":{"min":1,"max":2}}"#).unwrap();
        assert_eq!(r, ParticipantRule::Between { min: 1, max: 2 });
        assert!(serde_json::from_str::<ParticipantRule>(r#"{"over":30}"#).is_err());
    }
}
