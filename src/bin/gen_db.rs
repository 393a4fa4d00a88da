//! `gen-db`: writes the embedded demo dataset as `db.json` for json-server
//! 0.17, so the REST backend can serve exactly what the embedded one shows.
//!
//! Usage: `gen-db [--out PATH] [--seed N] [--end YYYY-MM-DD] [--pretty]`
//!
//! The top-level keys are the collection names (`metrics`, `campaigns`, …),
//! which json-server turns into routes (`GET /metrics`, …).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Duration, NaiveDate, Utc};
use haihe::data::embedded::generator::{generate, DEFAULT_SEED};

const USAGE: &str = "usage: gen-db [--out PATH] [--seed N] [--end YYYY-MM-DD] [--pretty]

  --out PATH          where to write (default: db.json)
  --seed N            generator seed (default: 20260101)
  --end YYYY-MM-DD    last day with data (default: yesterday in Tianjin, UTC+8)
  --pretty            indent the JSON (about 1.6x larger)";

#[derive(Debug, PartialEq)]
struct Options {
    out: String,
    seed: u64,
    end: NaiveDate,
    pretty: bool,
}

/// Yesterday on the wall clock in Tianjin (UTC+8, no daylight saving).
fn default_end() -> NaiveDate {
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    today.pred_opt().unwrap_or(today)
}

enum Parsed {
    Run(Options),
    Help,
}

fn parse_args(args: &[String], default_end: NaiveDate) -> Result<Parsed, String> {
    let mut opts = Options {
        out: "db.json".to_string(),
        seed: DEFAULT_SEED,
        end: default_end,
        pretty: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--out" | "-o" => opts.out = value("--out")?,
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("--seed: not a non-negative integer: {v}"))?;
            }
            "--end" => {
                let v = value("--end")?;
                let end = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                    .map_err(|e| format!("--end: expected YYYY-MM-DD, got {v}: {e}"))?;
                // The holiday tables and the brand's story cover these years.
                if !(2000..=2100).contains(&chrono::Datelike::year(&end)) {
                    return Err(format!("--end: year out of range (2000–2100): {v}"));
                }
                opts.end = end;
            }
            "--pretty" => opts.pretty = true,
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Parsed::Run(opts))
}

fn write_json(opts: &Options, data: &impl serde::Serialize) -> Result<(), String> {
    let file = File::create(&opts.out).map_err(|e| format!("cannot create {}: {e}", opts.out))?;
    let mut w = BufWriter::new(file);
    let result = if opts.pretty {
        serde_json::to_writer_pretty(&mut w, data)
    } else {
        serde_json::to_writer(&mut w, data)
    };
    result.map_err(|e| format!("cannot write {}: {e}", opts.out))?;
    w.write_all(b"\n")
        .and_then(|_| w.flush())
        .map_err(|e| format!("cannot write {}: {e}", opts.out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(&args, default_end()) {
        Ok(Parsed::Run(opts)) => opts,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen-db: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let started = Instant::now();
    let data = generate(opts.seed, opts.end);
    let generated = started.elapsed();
    if let Err(e) = write_json(&opts, &data) {
        eprintln!("gen-db: {e}");
        return ExitCode::FAILURE;
    }
    let bytes = std::fs::metadata(&opts.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "gen-db: wrote {} ({:.1} MB) for seed {} through {} in {:?} (generation {:?})",
        opts.out,
        bytes as f64 / 1e6,
        opts.seed,
        opts.end,
        started.elapsed(),
        generated
    );
    eprintln!(
        "        metrics {}, portrait {}, hourly {}, pages {}, feedback {}, content {}, \
         campaigns {}, channels {}, roadmap {}, experience {}, health {}, experiments {}, \
         targets {}, events {}, incidents {}, security_checks {}, alert_rules {}",
        data.metrics.len(),
        data.portrait.len(),
        data.hourly.len(),
        data.pages.len(),
        data.feedback.len(),
        data.content.len(),
        data.campaigns.len(),
        data.channels.len(),
        data.roadmap.len(),
        data.experience.len(),
        data.health.len(),
        data.experiments.len(),
        data.targets.len(),
        data.events.len(),
        data.incidents.len(),
        data.security_checks.len(),
        data.alert_rules.len(),
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    fn run(s: &[&str]) -> Result<Options, String> {
        let end = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        match parse_args(&args(s), end)? {
            Parsed::Run(o) => Ok(o),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults() {
        let o = run(&[]).unwrap();
        assert_eq!(o.out, "db.json");
        assert_eq!(o.seed, DEFAULT_SEED);
        assert_eq!(o.end, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert!(!o.pretty);
    }

    #[test]
    fn flags_with_and_without_equals() {
        let o = run(&[
            "--out",
            "/tmp/x.json",
            "--seed=7",
            "--end",
            "2026-03-31",
            "--pretty",
        ])
        .unwrap();
        assert_eq!(o.out, "/tmp/x.json");
        assert_eq!(o.seed, 7);
        assert_eq!(o.end, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert!(o.pretty);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(run(&["--seed", "-1"]).is_err());
        assert!(run(&["--end", "2026-13-01"]).is_err());
        assert!(run(&["--end", "1900-01-01"]).is_err());
        assert!(run(&["--out"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert_eq!(run(&["--help"]), Err("help".to_string()));
    }

    #[test]
    fn default_end_is_a_recent_day() {
        let end = default_end();
        let today = Utc::now().date_naive();
        assert!((end - today).num_days().abs() <= 1);
    }
}
