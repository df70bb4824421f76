//! `#[derive(FromJson)]`: a reader for campaign-core's input types, generated from the
//! same `#[serde(...)]` attributes that drive serialisation and the JSON Schema, so the
//! three cannot drift apart.
//!
//! Why not serde's own `Deserialize` derive: its visitors are instantiated per type and
//! per deserializer and cost about 2–8 KB of WebAssembly each. The code generated here is
//! a list of field names plus one call per field into `campaign_core::reader`, whose
//! helpers are shared by every type (see DESIGN.md, "Reading documents").
//!
//! Supported serde attributes (anything else that changes how a type is read is a
//! compile error, so a new attribute cannot be silently ignored):
//! - container: `deny_unknown_fields`, `default`, `rename_all = "snake_case" | "lowercase"`
//!   (enums), and, ignored because they only affect writing, `tag`/`content` on types
//!   that are never read;
//! - field: `default`, `default = "path"`, `rename`, and the write-only
//!   `skip_serializing_if`, `serialize_with`;
//! - variant: `rename`.
//!
//! The derive also implements `serde::Deserialize` through the reader, so Rust callers
//! can keep using `serde_json::from_str` on these types.
//!
//! `#[derive(Names)]` gives an enum of unit variants its names from the same attributes:
//! `ALL`, `as_str`, `FromStr` and `Display`.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Derives, for an enum of unit variants, its names as serde writes them (`rename`,
/// `rename_all`): `const ALL: [Self; N]` (declaration order), `fn as_str(self)`,
/// `FromStr` (error: `campaign_core::error::UnknownName`) and `Display`. Each name is
/// written once, in the serde attributes.
#[proc_macro_derive(Names, attributes(serde))]
pub fn derive_names(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    match expand_names(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand_names(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Enum(e) = &input.data else {
        return Err(syn::Error::new_spanned(input, "Names: only enums"));
    };
    if !e.variants.iter().all(|v| matches!(v.fields, Fields::Unit)) {
        return Err(syn::Error::new_spanned(input, "Names: only unit variants"));
    }
    let c = container_attrs(input)?;
    let name = &input.ident;
    let names = variant_names(e, &c)?;
    let idents: Vec<_> = e.variants.iter().map(|v| &v.ident).collect();
    let n = idents.len();
    let what = words(&name.to_string());
    let all_doc = format!("Every {what}, in declaration order.");
    Ok(quote! {
        impl #name {
            #[doc = #all_doc]
            pub const ALL: [Self; #n] = [#(Self::#idents),*];
            /// The name as written in JSON.
            pub const fn as_str(self) -> &'static str {
                match self { #(Self::#idents => #names,)* }
            }
        }
        impl ::core::str::FromStr for #name {
            type Err = crate::error::UnknownName;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                match s {
                    #(#names => Ok(Self::#idents),)*
                    _ => Err(crate::error::UnknownName::new(#what, s, &[#(#names),*])),
                }
            }
        }
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    })
}

/// `RuleCode` → `rule code`: a type's name as words, for messages.
fn words(ident: &str) -> String {
    let mut out = String::new();
    for (i, ch) in ident.char_indices() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// Derives `campaign_core::reader::FromJson` (and `serde::Deserialize` through it).
#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

#[derive(Default)]
struct Container {
    deny_unknown: bool,
    default: bool,
    rename_all: Option<String>,
}

#[derive(Default)]
struct Field {
    rename: Option<String>,
    /// `None`: no default; `Some(None)`: `Default::default()`; `Some(Some(path))`.
    default: Option<Option<syn::ExprPath>>,
}

fn skip_value(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Lit>()?;
    }
    Ok(())
}

fn container_attrs(input: &DeriveInput) -> syn::Result<Container> {
    let mut c = Container::default();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                c.deny_unknown = true;
            } else if meta.path.is_ident("default") {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("FromJson: container `default = ...` is not supported"));
                }
                c.default = true;
            } else if meta.path.is_ident("rename_all") {
                let s: LitStr = meta.value()?.parse()?;
                match s.value().as_str() {
                    "snake_case" | "lowercase" | "SCREAMING_SNAKE_CASE" => {
                        c.rename_all = Some(s.value())
                    }
                    _ => return Err(meta.error("FromJson: unsupported rename_all")),
                }
            } else if meta.path.is_ident("tag") || meta.path.is_ident("content") {
                return Err(
                    meta.error("FromJson: internally or adjacently tagged enums are not supported")
                );
            } else {
                return Err(meta.error("FromJson: unsupported serde container attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

fn field_attrs(attrs: &[syn::Attribute]) -> syn::Result<Field> {
    let mut f = Field::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                if meta.input.peek(syn::Token![=]) {
                    let s: LitStr = meta.value()?.parse()?;
                    f.default = Some(Some(s.parse()?));
                } else {
                    f.default = Some(None);
                }
            } else if meta.path.is_ident("rename") {
                let s: LitStr = meta.value()?.parse()?;
                f.rename = Some(s.value());
            } else if meta.path.is_ident("skip_serializing_if")
                || meta.path.is_ident("serialize_with")
            {
                skip_value(&meta)?;
            } else {
                return Err(meta.error("FromJson: unsupported serde field attribute"));
            }
            Ok(())
        })?;
    }
    Ok(f)
}

/// serde's `rename_all` spelling of a Rust identifier.
fn renamed(ident: &str, rule: Option<&str>) -> String {
    match rule {
        Some("lowercase") => ident.to_ascii_lowercase(),
        Some("snake_case") => words(ident).replace(' ', "_"),
        Some("SCREAMING_SNAKE_CASE") => words(ident).replace(' ', "_").to_ascii_uppercase(),
        _ => ident.to_string(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "FromJson: generic types are not supported",
        ));
    }
    let c = container_attrs(input)?;
    let name = &input.ident;
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(_) => {
                if c.rename_all.is_some() {
                    return Err(syn::Error::new_spanned(
                        input,
                        "FromJson: rename_all on structs is not supported",
                    ));
                }
                let ctor = quote!(Self);
                read_fields(&ctor, &s.fields, &c, &name.to_string())?
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    input,
                    "FromJson: only structs with named fields are supported",
                ))
            }
        },
        Data::Enum(e) => read_enum(e, &c, &name.to_string())?,
        Data::Union(_) => {
            return Err(syn::Error::new_spanned(
                input,
                "FromJson: unions are not supported",
            ))
        }
    };
    let key_impl = match &input.data {
        Data::Enum(e) if e.variants.iter().all(|v| matches!(v.fields, Fields::Unit)) => {
            let names = variant_names(e, &c)?;
            let idents = e.variants.iter().map(|v| &v.ident);
            let idx = 0..e.variants.len();
            quote! {
                impl crate::reader::FromJsonKey for #name {
                    fn from_key(key: &str, path: &crate::reader::Path<'_>) -> crate::reader::ReadResult<Self> {
                        const NAMES: &[&str] = &[#(#names),*];
                        match crate::reader::name_index(key, NAMES, path)? {
                            #(#idx => Ok(Self::#idents),)*
                            _ => unreachable!(),
                        }
                    }
                }
            }
        }
        _ => quote!(),
    };
    Ok(quote! {
        impl crate::reader::FromJson for #name {
            fn from_json(value: &crate::reader::Value<'_>, path: &crate::reader::Path<'_>) -> crate::reader::ReadResult<Self> {
                #body
            }
        }
        #key_impl
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                crate::reader::deserialize_through_reader(d)
            }
        }
    })
}

/// Reads the named `fields` of `value` (at `path`) and builds `ctor { ... }`.
fn read_fields(ctor: &Tokens, fields: &Fields, c: &Container, what: &str) -> syn::Result<Tokens> {
    let mut names = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let attrs = field_attrs(&f.attrs)?;
        let ident = f.ident.as_ref().expect("named field");
        let key = attrs
            .rename
            .clone()
            .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_string());
        let init = match (&attrs.default, c.default) {
            (Some(Some(func)), _) => {
                quote!(crate::reader::field_opt(found[#i], path, #key)?.unwrap_or_else(#func))
            }
            (Some(None), _) => {
                quote!(crate::reader::field_opt(found[#i], path, #key)?.unwrap_or_default())
            }
            (None, true) => {
                quote!(crate::reader::field_opt(found[#i], path, #key)?.unwrap_or(base.#ident))
            }
            (None, false) => quote!(crate::reader::field(found[#i], path, #key)?),
        };
        names.push(key);
        inits.push(quote!(#ident: #init));
    }
    let deny = c.deny_unknown;
    let base = if c.default {
        quote!(let base = <Self as ::core::default::Default>::default();)
    } else {
        quote!()
    };
    let n = names.len();
    Ok(quote! {
        const FIELDS: &[&str] = &[#(#names),*];
        let mut found = [None; #n];
        crate::reader::object(value, path, FIELDS, #deny, #what, &mut found)?;
        #base
        Ok(#ctor { #(#inits,)* })
    })
}

fn variant_names(e: &syn::DataEnum, c: &Container) -> syn::Result<Vec<String>> {
    e.variants
        .iter()
        .map(|v| {
            let attrs = field_attrs(&v.attrs)?;
            if attrs.default.is_some() {
                return Err(syn::Error::new_spanned(v, "FromJson: default on a variant"));
            }
            Ok(attrs
                .rename
                .unwrap_or_else(|| renamed(&v.ident.to_string(), c.rename_all.as_deref())))
        })
        .collect()
}

/// Externally tagged enums, serde's default: a unit variant is its name as a string; a
/// variant with data is an object with one key, the name, whose value is the data.
fn read_enum(e: &syn::DataEnum, c: &Container, what: &str) -> syn::Result<Tokens> {
    let names = variant_names(e, c)?;
    if e.variants.iter().all(|v| matches!(v.fields, Fields::Unit)) {
        let idents = e.variants.iter().map(|v| &v.ident);
        let idx = 0..e.variants.len();
        return Ok(quote! {
            const NAMES: &[&str] = &[#(#names),*];
            match crate::reader::unit_variant(value, path, NAMES, #what)? {
                #(#idx => Ok(Self::#idents),)*
                _ => unreachable!(),
            }
        });
    }
    let mut arms = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        let ident = &v.ident;
        let key = &names[i];
        let arm = match &v.fields {
            Fields::Unit => quote! {
                #i => { crate::reader::no_payload(payload, path, #key)?; Ok(Self::#ident) }
            },
            Fields::Unnamed(u) if u.unnamed.len() == 1 => quote! {
                #i => {
                    let value = crate::reader::payload(payload, path, #key)?;
                    let path = &path.key(#key);
                    Ok(Self::#ident(crate::reader::FromJson::from_json(value, path)?))
                }
            },
            Fields::Named(_) => {
                let ctor = quote!(Self::#ident);
                let inner = read_fields(&ctor, &v.fields, c, &format!("{what}::{}", v.ident))?;
                quote! {
                    #i => {
                        let value = crate::reader::payload(payload, path, #key)?;
                        let path = &path.key(#key);
                        #inner
                    }
                }
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    v,
                    "FromJson: tuple variants with more than one field are not supported",
                ))
            }
        };
        arms.push(arm);
    }
    Ok(quote! {
        const NAMES: &[&str] = &[#(#names),*];
        let (index, payload) = crate::reader::variant(value, path, NAMES, #what)?;
        match index {
            #(#arms)*
            _ => unreachable!(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{expand, renamed};
    use syn::{parse_quote, DeriveInput};

    fn error_of(input: DeriveInput) -> String {
        expand(&input)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn attributes_that_change_reading_and_are_not_supported_do_not_compile() {
        let cases: Vec<(DeriveInput, &str)> = vec![
            (parse_quote! { #[serde(tag = "t")] enum E { A } }, "tagged"),
            (
                parse_quote! { struct S { #[serde(flatten)] a: T } },
                "field attribute",
            ),
            (
                parse_quote! { struct S { #[serde(alias = "b")] a: u32 } },
                "field attribute",
            ),
            (
                parse_quote! { #[serde(rename_all = "camelCase")] enum E { A } },
                "rename_all",
            ),
            (
                parse_quote! { #[serde(rename_all = "snake_case")] struct S { a: u32 } },
                "structs",
            ),
            (parse_quote! { struct S(u32); }, "named fields"),
            (parse_quote! { struct S<T> { a: T } }, "generic"),
            (
                parse_quote! { enum E { A(u32, u32) } },
                "more than one field",
            ),
        ];
        for (input, expected) in cases {
            let err = error_of(input);
            assert!(
                err.contains(expected),
                "{err:?} should mention {expected:?}"
            );
        }
    }

    #[test]
    fn write_only_and_supported_attributes_are_accepted() {
        let input: DeriveInput = parse_quote! {
            #[serde(deny_unknown_fields, default)]
            struct S {
                #[serde(default, skip_serializing_if = "Option::is_none")]
                a: Option<u32>,
                #[serde(default = "one", rename = "bee")]
                b: u32,
            }
        };
        let code = expand(&input).expect("accepted").to_string();
        assert!(code.contains("\"bee\""), "{code}");
        assert!(code.contains("unwrap_or_else (one)"), "{code}");
    }

    #[test]
    fn rename_rules_match_serde() {
        assert_eq!(renamed("MoreThan", Some("snake_case")), "more_than");
        assert_eq!(renamed("Workshop", Some("snake_case")), "workshop");
        assert_eq!(renamed("Sq", Some("lowercase")), "sq");
        assert_eq!(renamed("AtLeast", Some("lowercase")), "atleast");
        assert_eq!(renamed("AtLeast", None), "AtLeast");
        assert_eq!(
            renamed("InvalidJson", Some("SCREAMING_SNAKE_CASE")),
            "INVALID_JSON"
        );
    }

    #[test]
    fn names_are_derived_for_unit_enums_only() {
        let input: DeriveInput = parse_quote! {
            #[serde(rename_all = "snake_case")]
            enum Channel { School, #[serde(rename = "public")] PublicSpace }
        };
        let code = super::expand_names(&input).expect("accepted").to_string();
        assert!(
            code.contains("\"school\"") && code.contains("\"public\""),
            "{code}"
        );
        assert!(code.contains("ALL : [Self ; 2usize]"), "{code}");
        let err = super::expand_names(&parse_quote! { enum E { A(u32) } }).unwrap_err();
        assert!(err.to_string().contains("unit variants"));
    }
}
