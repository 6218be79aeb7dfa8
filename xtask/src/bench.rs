//! `cargo xtask bench`: the reference workload (docs/performance.md) run by Stackscope and its peers on the same
//! generated files in one run, alternating, medians of N runs; checks every implementation gives the same
//! result, prints a table and writes it into docs/performance.md.
//!
//! Implementations (node scripts in `bench/`): the streaming floor (bytes pushed through the wasm module in
//! 1 MiB chunks, counting newlines), Stackscope's wasm module through its real API (two streamed readings of
//! each file, then the workload; a file from 128 MiB on read in two parts, the second by a worker thread, as the
//! page does), the same in one piece on one thread, the native build (`stackscope utilisation`), DuckDB-WASM
//! (Node blocking build, SQL) and Papa Parse (streaming, JS Map aggregation).
//!
//! `charts` (also selectable alone with `--only charts`): `bench/charts.mjs` times, in wasm, each chart drawn
//! for a generated 300-tool company through `Workspace.chart`, and the whole analysis of the demo company; the
//! table goes into docs/charts.md and docs/performance.md.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const USAGE: &str = "cargo xtask bench [--rows 1000000,10000000] [--runs 3] [--only charts,floor,stackscope,stackscope-one,native,duckdb,papaparse]";

struct Impl {
    id: &'static str,
    label: &'static str,
}

const IMPLS: [Impl; 6] = [
    Impl {
        id: "floor",
        label: "floor: wasm, 1 MiB chunks, count newlines",
    },
    Impl {
        id: "stackscope",
        label: "Stackscope wasm (streamed readings + workload; from 128 MiB in 2 parts, 2 threads)",
    },
    Impl {
        id: "stackscope-one",
        label: "Stackscope wasm, every file in one piece (1 thread)",
    },
    Impl {
        id: "native",
        label: "Stackscope native CLI (same, whole process)",
    },
    Impl {
        id: "duckdb",
        label: "DuckDB-WASM 1.32 (Node blocking), SQL",
    },
    Impl {
        id: "papaparse",
        label: "Papa Parse 5.7 streaming + JS Maps",
    },
];

/// One measurement.
struct Sample {
    secs: f64,
    peak_kb: Option<u64>,
    result: Option<Value>,
}

pub fn bench(args: &[String]) -> Result<(), String> {
    let mut rows: Vec<u64> = vec![1_000_000, 10_000_000];
    let mut runs = 3usize;
    let mut only: Option<Vec<String>> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rows" => {
                rows = it
                    .next()
                    .ok_or("--rows needs numbers")?
                    .split(',')
                    .map(|v| v.replace('_', "").parse::<u64>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--rows: {e}"))?
            }
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--runs needs a number")?
            }
            "--only" => {
                only = Some(
                    it.next()
                        .ok_or("--only needs names")?
                        .split(',')
                        .map(str::to_string)
                        .collect(),
                )
            }
            other => return Err(format!("unknown option '{other}'\n{USAGE}")),
        }
    }
    let root = crate::root();
    crate::build_wasm()?;
    crate::run(Command::new(env!("CARGO")).current_dir(&root).args([
        "build",
        "--release",
        "-p",
        "stackscope",
        "--bin",
        "stackscope",
    ]))?;
    if !root
        .join("node_modules/@duckdb/duckdb-wasm/package.json")
        .exists()
        || !root.join("node_modules/papaparse/package.json").exists()
    {
        eprintln!("xtask: installing npm packages from package-lock.json (npm ci)");
        crate::run(
            Command::new("npm")
                .current_dir(&root)
                .args(["ci", "--no-audit", "--no-fund"]),
        )?;
    }
    let data = root.join("target/bench-data");
    let mut report = String::new();
    if only
        .as_ref()
        .is_none_or(|o| o.iter().any(|x| x == "charts"))
    {
        let charts = chart_bench(&root, runs.max(15))?;
        write_section(
            &root,
            "docs/charts.md",
            CHART_START,
            CHART_END,
            &format!("{}{charts}", machine()),
        )?;
        report.push_str(&charts);
    }
    let selected: Vec<&Impl> = IMPLS
        .iter()
        .filter(|i| only.as_ref().is_none_or(|o| o.iter().any(|x| x == i.id)))
        .collect();
    let mut all_same = true;
    for &n in rows.iter().filter(|_| !selected.is_empty()) {
        let (usage, licences) = crate::gen(n, &data)?;
        let bytes = std::fs::metadata(&usage).map(|m| m.len()).unwrap_or(0);
        let mut samples: Vec<Vec<Sample>> = selected.iter().map(|_| Vec::new()).collect();
        for run in 0..runs {
            for (k, imp) in selected.iter().enumerate() {
                eprintln!("xtask: bench {n} rows, run {}/{runs}: {}", run + 1, imp.id);
                let s = measure(&root, imp.id, &usage, &licences)?;
                samples[k].push(s);
            }
        }
        // Every implementation must give Stackscope's result.
        let reference = selected
            .iter()
            .position(|i| i.id == "stackscope")
            .or_else(|| selected.iter().position(|i| i.id == "native"))
            .and_then(|k| samples[k].first())
            .and_then(|s| s.result.clone())
            .map(normalise);
        let mut checks: Vec<&str> = Vec::new();
        for (k, imp) in selected.iter().enumerate() {
            let same = match (&reference, imp.id) {
                (_, "floor") => "n/a",
                (None, _) => "?",
                (Some(r), _) => {
                    if samples[k]
                        .iter()
                        .all(|s| s.result.clone().map(normalise).as_ref() == Some(r))
                    {
                        "same"
                    } else {
                        all_same = false;
                        "DIFFERENT"
                    }
                }
            };
            checks.push(same);
        }
        let medians: Vec<f64> = samples
            .iter()
            .map(|s| median(s.iter().map(|x| x.secs).collect()))
            .collect();
        let time_of = |id: &str| selected.iter().position(|i| i.id == id).map(|k| medians[k]);
        let floor = time_of("floor");
        let ours = time_of("stackscope");
        let mb = bytes as f64 / 1e6;
        report.push_str(&format!(
            "\n### {n} rows ({:.0} MB), median of {runs}\n\n| implementation | time | MB/s | peak memory | × floor | Stackscope wasm is … faster | same result |\n|---|---:|---:|---:|---:|---:|---|\n",
            mb
        ));
        for (k, imp) in selected.iter().enumerate() {
            let t = medians[k];
            let peak = samples[k].iter().filter_map(|s| s.peak_kb).max();
            report.push_str(&format!(
                "| {} | {:.2} s | {:.0} | {} | {} | {} | {} |\n",
                imp.label,
                t,
                mb / t,
                peak.map_or("?".into(), |kb| format!("{:.0} MiB", kb as f64 / 1024.0)),
                floor.map_or("".into(), |f| format!("{:.1}×", t / f)),
                match (ours, imp.id) {
                    (_, "stackscope" | "floor") | (None, _) => String::new(),
                    (Some(o), _) => format!("{:.1}×", t / o),
                },
                checks[k],
            ));
        }
    }
    let machine = machine();
    println!("{machine}{report}");
    if !selected.is_empty() {
        write_section(
            &root,
            "docs/performance.md",
            START,
            END,
            &format!("{machine}{report}"),
        )?;
    }
    if all_same {
        Ok(())
    } else {
        Err("some implementations did not give the same result (see 'same result')".into())
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Numbers as f64 (JSON from JS and from serde write 3 and 3.0), and no timing fields.
fn normalise(v: Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(normalise).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .filter(|(k, _)| {
                    k != "init_ms" && k != "wasm_memory_mib" && k != "readings" && k != "parts"
                })
                .map(|(k, v)| (k, normalise(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Runs one implementation under `/usr/bin/time -f %M` (peak resident memory) when available.
fn measure(root: &Path, id: &str, usage: &Path, licences: &Path) -> Result<Sample, String> {
    let time_bin = Path::new("/usr/bin/time");
    let mut cmd = if time_bin.exists() {
        let mut c = Command::new(time_bin);
        c.args(["-f", "peak_kb=%M"]);
        c
    } else {
        Command::new("env")
    };
    match id {
        "native" => {
            cmd.arg(root.join("target/release/stackscope"))
                .arg("utilisation");
        }
        "stackscope-one" => {
            cmd.env("STACKSCOPE_PARTS_FROM", "1e18")
                .arg("node")
                .arg(root.join("bench/stackscope.mjs"));
        }
        script => {
            cmd.arg("node")
                .arg(root.join("bench").join(format!("{script}.mjs")));
        }
    }
    cmd.arg(usage)
        .arg(licences)
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let t0 = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run {id}: {e}"))?;
    let wall = t0.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{id} failed ({}):\n{stderr}", out.status));
    }
    let peak_kb = stderr
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("peak_kb="))
        .and_then(|v| v.parse().ok());
    let json = last_json(&out.stdout, id)?;
    Ok(match id {
        // The whole process, from start to printed result.
        "native" => Sample {
            secs: wall,
            peak_kb,
            result: Some(json),
        },
        // In-process time, from the first byte read to the result (module instantiation excluded).
        _ => Sample {
            secs: json.get("ms").and_then(Value::as_f64).unwrap_or(f64::NAN) / 1000.0,
            peak_kb,
            result: json.get("result").cloned().filter(|_| id != "floor"),
        },
    })
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|t| t.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "Measured {date} on {nproc} CPUs ({cpu}), {mem} memory, load average {load} at the end; node {node}.\n"
    )
}

const START: &str = "<!-- bench:start -->";
const END: &str = "<!-- bench:end -->";
const CHART_START: &str = "<!-- chart-bench:start -->";
const CHART_END: &str = "<!-- chart-bench:end -->";

/// The budget per chart for 300 tools, in wasm (the charts issue).
const CHART_BUDGET_MS: f64 = 50.0;
/// The budget for the demo company's whole analysis once its files are read (the performance issue).
const DEMO_BUDGET_MS: f64 = 100.0;

/// Runs `bench/charts.mjs` (300 tools, each chart drawn `runs` times in wasm) and returns its table.
fn chart_bench(root: &Path, runs: usize) -> Result<String, String> {
    eprintln!("xtask: bench charts (300 tools, {runs} runs each, wasm)");
    let out = Command::new("node")
        .arg(root.join("bench/charts.mjs"))
        .args(["--tools", "300", "--runs", &runs.to_string()])
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run bench/charts.mjs: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench/charts.mjs failed ({})", out.status));
    }
    let v = last_json(&out.stdout, "bench/charts.mjs")?;
    let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let mut t = format!(
        "\n### Charts in wasm: a generated company of {} tools (`top_n` = 300), median of {} draws\n\n\
         | chart | median | slowest | SVG size | same as in `analyze` | under {CHART_BUDGET_MS:.0} ms |\n|---|---:|---:|---:|---|---|\n",
        v.get("tools_in_report").and_then(Value::as_u64).unwrap_or(0),
        v.get("runs").and_then(Value::as_u64).unwrap_or(0),
    );
    let mut within = true;
    for c in v
        .get("charts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let slowest = num(c, "max_ms");
        let ok = slowest < CHART_BUDGET_MS;
        within &= ok;
        t.push_str(&format!(
            "| {} | {:.1} ms | {:.1} ms | {:.0} KB | {} | {} |\n",
            c.get("name").and_then(Value::as_str).unwrap_or("?"),
            num(c, "median_ms"),
            slowest,
            num(c, "bytes") / 1000.0,
            if c.get("same_as_analysis") == Some(&Value::Bool(true)) {
                "yes"
            } else {
                "NO"
            },
            if ok { "yes" } else { "**no**" },
        ));
    }
    let demo = v.get("demo").cloned().unwrap_or(Value::Null);
    t.push_str(&format!(
        "\nWhole analysis of the 300-tool company (reconcile, metrics, all 8 charts, result handed to JS): {:.0} ms \
         (median). Whole analysis of the demo company ({} tools) once its files are read: **{:.1} ms** median, \
         {:.1} ms slowest (budget {DEMO_BUDGET_MS:.0} ms: {}). Every chart under {CHART_BUDGET_MS:.0} ms: {}.\n",
        num(&v, "analysis_ms"),
        demo.get("tools").and_then(Value::as_u64).unwrap_or(0),
        num(&demo, "median_ms"),
        num(&demo, "max_ms"),
        if num(&demo, "median_ms") < DEMO_BUDGET_MS { "met" } else { "**not met**" },
        if within { "yes" } else { "**no**" },
    ));
    Ok(t)
}

/// The JSON line a benchmark script prints last (`who` names it in the error).
fn last_json(stdout: &[u8], who: &str) -> Result<Value, String> {
    let stdout = String::from_utf8_lossy(stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    serde_json::from_str(last).map_err(|e| format!("{who}: unreadable output ({e}): {last:.200}"))
}

/// Replaces the measured section of a document (between the markers).
fn write_section(root: &Path, doc: &str, start: &str, end: &str, text: &str) -> Result<(), String> {
    let path: PathBuf = root.join(doc);
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let section = format!("{start}\n{text}{end}");
    let new = match (doc.find(start), doc.find(end)) {
        (Some(a), Some(b)) if b > a => format!("{}{section}{}", &doc[..a], &doc[b + end.len()..]),
        _ => format!("{doc}\n## Measured\n\n{section}\n"),
    };
    std::fs::write(&path, new).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}
