//! `labelled_enum!`: the one way every area declares a closed set of wire
//! ids with their Chinese and English labels. The caller has serde's
//! `Serialize` and `Deserialize` in scope.

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
    };
}
pub(crate) use labelled_enum;
