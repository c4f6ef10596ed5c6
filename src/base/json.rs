//! Reading JSON strictly, whatever the file: a key given twice is an error that names it
//! (serde_json would silently keep the last, so `phq_selfharm` 0 then 3 would read as 3), a
//! UTF-8 byte-order mark at the start is skipped, and `-0` is the integer 0.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The bytes without a leading UTF-8 byte-order mark.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes)
}

/// Parses JSON text into a value, refusing duplicate keys at any depth.
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice::<Strict>(without_bom(bytes)).map(|s| s.0)
}

/// A JSON value read with duplicate keys refused.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // serde_json reads `-0` as the float -0.0; it is the whole number 0.
        if v == 0.0 && v.is_sign_negative() {
            return Ok(Value::from(0));
        }
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" is given twice; keep one"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// A JSON object's keys and values in file order, a key given twice kept twice (where a
/// strict reading refuses the file, a lenient one that must not miss a value: the config,
/// which never stops a command; a self-harm answer, which always shows the crisis lines).
pub(crate) fn pairs(bytes: &[u8]) -> Option<Vec<(String, Value)>> {
    serde_json::from_slice::<Pairs>(without_bom(bytes))
        .ok()
        .map(|p| p.0)
}

/// A JSON object's keys and values in file order, each given twice kept twice.
struct Pairs(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, Value>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_bom_and_negative_zero() {
        let dup = parse(br#"{"a": {"b": 0, "b": 3}}"#)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(dup.is_err_and(|e| e.contains("\"b\" is given twice")));
        assert_eq!(
            parse(b"\xEF\xBB\xBF{\"a\": 1}").ok(),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(parse(b"-0").ok(), Some(serde_json::json!(0)));
        assert!(parse(b"-0").ok().is_some_and(|v| v.is_i64()));
        assert_eq!(parse(b"5.0").ok().and_then(|v| v.as_f64()), Some(5.0));
        assert!(parse(b"[1, {\"x\": [true, null, \"s\"]}]").is_ok());
    }
}
