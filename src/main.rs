//! The `stackscope` command line: the same core as the page, on files on disk.

use stackscope::ingest::{FileReader, Inspection, Mapping, Options};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
stackscope — what your SaaS stack costs and how much of it is used, from CSV exports, on your machine

USAGE:
    stackscope inspect FILE... [--json] [--encoding E] [--delimiter D] [--mapping FILE] [--max-rows N]
                               [--max-bytes N]
    stackscope analyze FILE... [--as-of DATE] [--window DAYS] [--currency C] [--aliases FILE] [--fx FILE]
                               [--values FILE] [--settings FILE] [--json] [--html FILE] [--svg-dir DIR]
    stackscope demo --out DIR
    stackscope utilisation USAGE LICENCES

COMMANDS:
    inspect    say what each file is: encoding, delimiter, header, rows, columns with type and role, diagnostics
    analyze    reconcile all files together and report spend, utilisation, overlap, ROI, renewals and what to do
    demo       write the demo company's exports (the page's demo data) into DIR
    utilisation  per tool: accounts active in the last 30 days, accounts, events, active per seat; and the
               tool × tool overlap of the last 90 days, as JSON (the benchmark workload, docs/performance.md)

OPTIONS:
    --json            print JSON (fields documented in docs/inspect.md)
    --encoding E      read the files as E (utf-8, utf-16le, windows-1252…) instead of detecting
    --delimiter D     use D (, ; tab |) instead of sniffing
    --max-rows N, --max-bytes N   stop reading a file past this many rows or bytes, with a clear message
    --mapping FILE    a JSON mapping {\"kind\": \"usage\", \"roles\": {\"Column\": \"user_email\"}}
    --as-of DATE      measure against this date (YYYY-MM-DD; default: the latest date in the data)
    --window DAYS     activity window (default 30)
    --currency C      reporting currency (default: the currency of most amounts)
    --aliases FILE    your alias rules (CSV: match,action,tool,category,subcategory; see docs/aliases.md)
    --fx FILE         exchange rates (CSV: currency,rate[,date]); --values FILE: value per tool for ROI
    --settings FILE   every analysis setting as JSON (see docs/report.md)
    --html FILE       write the whole report as one self-contained HTML file
    --svg-dir DIR     write each chart as an SVG file
    -h, --help        this text

EXIT STATUS: 0 every file was read, 1 a file could not be read, 2 bad usage.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("stackscope: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else {
        return Err("no command given".into());
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "inspect" => inspect(&args[1..]),
        "demo" => demo(&args[1..]),
        "analyze" | "analyse" => analyze(&args[1..]),
        "utilisation" => utilisation(&args[1..]),
        other => Err(format!("unknown command '{other}'")),
    }
}

fn analyze(args: &[String]) -> Result<ExitCode, String> {
    use stackscope::analysis::{analyze_files, AnalysisOptions};
    let mut files = Vec::new();
    let mut json = false;
    let mut html: Option<String> = None;
    let mut svg_dir: Option<String> = None;
    let mut options = AnalysisOptions::default();
    let read_options = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--json" => json = true,
            "--as-of" => {
                let v = value("--as-of")?;
                options.settings.as_of = Some(
                    stackscope::model::parse_iso_date(&v)
                        .ok_or(format!("--as-of: '{v}' is not a YYYY-MM-DD date"))?,
                );
            }
            "--window" => {
                let v = value("--window")?;
                options.settings.window_days = v
                    .parse()
                    .map_err(|_| format!("--window: '{v}' is not a number of days"))?;
            }
            "--currency" => options.currency = Some(value("--currency")?.to_uppercase()),
            "--aliases" => {
                let path = value("--aliases")?;
                options.alias_rules = Some(
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {path}: {e}"))?,
                );
            }
            "--settings" => {
                let path = value("--settings")?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                options.settings =
                    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            "--fx" | "--values" => files.push(value(a)?),
            "--html" => html = Some(value("--html")?),
            "--svg-dir" => svg_dir = Some(value("--svg-dir")?),
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return Err("analyze needs at least one file".into());
    }
    let found = read_all(&files, &read_options);
    let all_ok = found.iter().all(|f| f.error.is_none());
    let analysis = analyze_files(&found, &options);
    if let Some(dir) = &svg_dir {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
        for (name, svg) in stackscope::dashboard::report_charts(
            &analysis.report,
            &stackscope::charts::ChartOptions::default(),
        ) {
            let path = std::path::Path::new(dir).join(format!("{name}.svg"));
            std::fs::write(&path, svg)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if let Some(path) = &html {
        let page = stackscope::export::html_report(
            &analysis.report,
            &stackscope::export::HtmlOptions::default(),
        );
        std::fs::write(path, page).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{text}");
    } else {
        let _ = write!(
            out,
            "{}",
            sanitize_lines(&stackscope::export::text_summary(&analysis.report))
        );
        for d in &analysis.diagnostics {
            let _ = writeln!(out, "  {}", sanitize(&d.to_string()));
        }
        for f in found.iter().filter(|f| f.error.is_some()) {
            let _ = writeln!(
                out,
                "  {}: cannot be read: {}",
                sanitize(&f.file),
                sanitize(
                    &f.error
                        .as_ref()
                        .map(|e| e.message.clone())
                        .unwrap_or_default()
                )
            );
        }
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn sanitize_lines(s: &str) -> String {
    s.lines().map(sanitize).collect::<Vec<_>>().join("\n") + "\n"
}

/// Reads a file streaming: once to decide, once with the plan to extract typed records — or once only, for a
/// plain usage log whose first reading could be sure of its records (`Options::one_reading`).
fn read_records(path: &str, options: &Options) -> Inspection {
    let first = read_file(
        path,
        &Options {
            one_reading: true,
            ..options.clone()
        },
    );
    if first.records.is_some() {
        return first;
    }
    let Some(plan) = first.plan() else {
        return first;
    };
    read_file(
        path,
        &Options {
            plan: Some(plan),
            ..options.clone()
        },
    )
}

/// Reads every file (`read_records`), several at a time: one thread per core, each taking the next file
/// (files are independent until they are reconciled). The results keep the order of `paths`.
fn read_all(paths: &[String], options: &Options) -> Vec<Inspection> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(paths.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Inspection>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else {
                    break;
                };
                let found = read_records(path, options);
                if let Ok(mut r) = results.lock() {
                    r[i] = Some(found);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn utilisation(args: &[String]) -> Result<ExitCode, String> {
    let [usage, licences] = args else {
        return Err("utilisation needs a usage file and a licences file".into());
    };
    let mut both = read_all(&[usage.clone(), licences.clone()], &Options::default()).into_iter();
    let (Some(usage), Some(licences)) = (both.next(), both.next()) else {
        return Err("the files could not be read".into());
    };
    for f in [&usage, &licences] {
        if let Some(e) = &f.error {
            eprintln!("stackscope: {}: {}", f.file, e.message);
            return Ok(ExitCode::from(1));
        }
    }
    let empty = stackscope::model::Records::default();
    let result = stackscope::workload::utilisation(
        &usage.records.as_ref().unwrap_or(&empty).usage,
        &licences.records.as_ref().unwrap_or(&empty).licences,
    );
    let text = serde_json::to_string(&result).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn demo(args: &[String]) -> Result<ExitCode, String> {
    let out = match args {
        [flag, dir] if flag == "--out" => std::path::PathBuf::from(dir),
        _ => return Err("demo needs --out DIR".into()),
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for f in stackscope::demo::demo_files() {
        let path = out.join(f.name);
        std::fs::write(&path, &f.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}  — {}", path.display(), f.description);
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(args: &[String]) -> Result<ExitCode, String> {
    let mut files = Vec::new();
    let mut json = false;
    let mut options = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--encoding" => {
                options.encoding = Some(it.next().ok_or("--encoding needs a value")?.clone())
            }
            "--delimiter" => {
                options.delimiter = Some(it.next().ok_or("--delimiter needs a value")?.clone())
            }
            "--max-rows" => {
                let v = it.next().ok_or("--max-rows needs a number")?;
                options.max_rows = Some(
                    v.parse()
                        .map_err(|_| format!("--max-rows: '{v}' is not a number"))?,
                );
            }
            "--max-bytes" => {
                let v = it.next().ok_or("--max-bytes needs a number")?;
                options.max_bytes = Some(
                    v.parse()
                        .map_err(|_| format!("--max-bytes: '{v}' is not a number"))?,
                );
            }
            "--mapping" => {
                let path = it.next().ok_or("--mapping needs a file")?;
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                let m: Mapping = serde_json::from_str(&text)
                    .map_err(|e| format!("{path}: not a valid mapping: {e}"))?;
                options.mapping = Some(m);
            }
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return Err("inspect needs at least one file".into());
    }
    let mut all_ok = true;
    let mut results = Vec::new();
    for path in &files {
        let found = read_file(path, &options);
        all_ok &= found.error.is_none();
        results.push(found);
    }
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{text}");
    } else {
        for r in &results {
            let _ = write!(out, "{}", describe(r));
        }
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Streams the file through the reader in 1 MiB chunks, as the page does.
fn read_file(path: &str, options: &Options) -> Inspection {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let mut reader = FileReader::new(&name, options.clone());
    match std::fs::File::open(path) {
        Ok(mut f) => {
            let mut buf = vec![0u8; 1 << 20];
            loop {
                match f.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => reader.push(&buf[..n]),
                    Err(e) => {
                        eprintln!("stackscope: {path}: {e}");
                        break;
                    }
                }
            }
            reader.finish()
        }
        Err(e) => {
            let mut found = reader.finish();
            found.error = Some(stackscope::ingest::FileErrorReport {
                code: "io".into(),
                message: format!("cannot open: {e}"),
                error: None,
            });
            found
        }
    }
}

/// The human-readable summary of one file.
fn describe(r: &Inspection) -> String {
    let mut s = format!("{}\n", sanitize(&r.file));
    if let Some(e) = &r.error {
        s.push_str(&format!("  cannot be read: {}\n", sanitize(&e.message)));
    }
    if let Some(enc) = &r.encoding {
        s.push_str(&format!(
            "  encoding {}{}, delimiter {}, header on line {}, format {}, kind {}\n",
            enc,
            if r.bom { " (BOM)" } else { "" },
            r.delimiter.as_deref().unwrap_or("?"),
            r.header_line
                .map(|l| l.to_string())
                .unwrap_or_else(|| "?".into()),
            r.format,
            r.kind.as_str()
        ));
        s.push_str(&format!(
            "  rows {} (used {}, skipped {})\n",
            r.rows, r.rows_used, r.rows_skipped
        ));
    }
    for c in &r.columns {
        s.push_str(&format!(
            "  - {:<32} {:<8} {}\n",
            sanitize(&c.name),
            c.column_type.as_str(),
            c.role.map(|r| r.as_str()).unwrap_or("-")
        ));
    }
    for d in &r.diagnostics {
        s.push_str(&format!("  {}\n", sanitize(&d.to_string())));
    }
    s
}

/// Removes control characters so a file's text cannot drive the terminal.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '␣' } else { c })
        .collect()
}
