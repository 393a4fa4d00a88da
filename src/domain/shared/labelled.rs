//! `labelled_enum!`: the one way every area declares a closed set of wire
//! ids with their Chinese and English labels. The caller has serde's
//! `Serialize` and `Deserialize` in scope.

/// What `labelled_enum!` gives every enum, as a trait so that generic UI (the
/// form kit's `EnumSelect` and `EnumChecks`) can list, name and parse one.
pub trait Labelled: Copy + PartialEq + Send + Sync + 'static {
    /// Every variant, in declaration order (the order choices are offered in).
    fn all() -> &'static [Self];
    /// The id used in JSON and in URLs.
    fn id(self) -> &'static str;
    /// The variant with this id, if any.
    fn from_id(id: &str) -> Option<Self>;
    /// The label in the given language.
    fn label(self, lang: crate::i18n::Lang) -> &'static str;
}

/// Declares a closed set of wire ids with a Chinese and an English label.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The id used in JSON and in URLs.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::i18n::Lang::Zh) => $zh, ($name::$variant, $crate::i18n::Lang::En) => $en,)+
                }
            }
        }

        impl $crate::domain::shared::labelled::Labelled for $name {
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn from_id(id: &str) -> Option<Self> {
                $name::from_id(id)
            }
            fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                $name::label(self, lang)
            }
        }
    };
}
pub(crate) use labelled_enum;
