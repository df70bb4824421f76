//! Minifies the built-in data files (`data/*.json`) into `OUT_DIR`, so the library
//! embeds them without their indentation (about 2.7 KB less WebAssembly), while the
//! files in the repository stay readable, with their sources. With the `lean-data`
//! feature the top-level `sources` and `about` texts, the counties' population
//! figures, the sources of the Bajram dates, and the template's and audiences'
//! provenance, notes and topics are left out too: what checking never uses (the page's
//! wasm module).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in [
        "al_counties.json",
        "al_holidays.json",
        "audiences.json",
        "campaign_2017.json",
        "template_two_day_2017.json",
    ] {
        let path = Path::new("data").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("data file is readable");
        let mut value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if std::env::var_os("CARGO_FEATURE_LEAN_DATA").is_some() {
            if let Some(top) = value.as_object_mut() {
                top.remove("sources");
                top.remove("about");
                // No check uses population figures (allocation and reach do).
                if let Some(regions) = top.get_mut("regions").and_then(|r| r.as_array_mut()) {
                    for region in regions.iter_mut().filter_map(|r| r.as_object_mut()) {
                        region.remove("population");
                    }
                }
                // Nor the template's and audiences' provenance, notes and topics (the
                // programme and the report show them).
                if let Some(audiences) = top.get_mut("audiences").and_then(|a| a.as_array_mut()) {
                    for a in audiences.iter_mut().filter_map(|a| a.as_object_mut()) {
                        a.remove("provenance");
                    }
                }
                // Nor which source gives each Bajram date (`estimated` stays).
                let islamic = top.get_mut("islamic").and_then(|i| i.as_array_mut());
                for h in islamic.into_iter().flatten() {
                    let dates = h.get_mut("dates").and_then(|d| d.as_array_mut());
                    for d in dates
                        .into_iter()
                        .flatten()
                        .filter_map(|d| d.as_object_mut())
                    {
                        d.remove("source");
                    }
                }
                if let Some(t) = top.get_mut("template").and_then(|t| t.as_object_mut()) {
                    t.remove("provenance");
                    let days = t.get_mut("days").and_then(|d| d.as_array_mut());
                    for day in days.into_iter().flatten() {
                        let sessions = day.get_mut("sessions").and_then(|s| s.as_array_mut());
                        for s in sessions
                            .into_iter()
                            .flatten()
                            .filter_map(|s| s.as_object_mut())
                        {
                            for key in ["provenance", "note", "topics"] {
                                s.remove(key);
                            }
                        }
                    }
                }
            }
        }
        let min = serde_json::to_string(&value).expect("JSON serialises");
        std::fs::write(Path::new(&out).join(name), min).expect("OUT_DIR is writable");
    }
}
