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

ENVIRONMENT:
    STACKSCOPE_PARTS_FROM=BYTES   read a file from this size on in parts, one per core (default 16777216;
                  a huge value reads every file in one piece); when it is set, what became of each part
                  (merged, or refused and read in order) is written to stderr

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
/// Files from this size on are read in parts on several cores (`ingest::PartReader`), after their first
/// [`HEAD`] bytes: a thread's start is not worth it below. The environment variable `STACKSCOPE_PARTS_FROM`
/// (bytes) changes it: the tests read small files in parts, and a very large value reads every file in one
/// piece.
const PARTS_FROM: u64 = 16 << 20;
/// Read before the parts are cut: the header is settled after the first 64 KiB (the encoding and delimiter
/// are sniffed on them) and 60 records.
const HEAD: u64 = 1 << 20;

fn parts_from() -> u64 {
    std::env::var("STACKSCOPE_PARTS_FROM")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(PARTS_FROM)
}

fn read_file(path: &str, options: &Options) -> Inspection {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let mut reader = FileReader::new(&name, options.clone());
    let opened = std::fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f)));
    let (size, mut file) = match opened {
        Ok(o) => o,
        Err(e) => {
            let mut found = reader.finish();
            found.error = Some(stackscope::ingest::FileErrorReport {
                code: "io".into(),
                message: format!("cannot open: {e}"),
                error: None,
            });
            return found;
        }
    };
    let mut buf = vec![0u8; 1 << 20];
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let head = if size >= parts_from() && cores > 1 {
        HEAD
    } else {
        u64::MAX
    };
    let result = read_range(&mut file, &mut buf, 0, head, |b| reader.push(b)).and_then(|pos| {
        if pos < head {
            return Ok(());
        }
        match reader.part_setup() {
            Some(setup) => {
                read_in_parts(path, &mut file, &mut buf, &mut reader, &setup, size, cores)
            }
            None => read_range(&mut file, &mut buf, pos, u64::MAX, |b| reader.push(b)).map(drop),
        }
    });
    if let Err(e) = result {
        eprintln!("stackscope: {path}: {e}");
    }
    reader.finish()
}

/// Pushes the bytes from `from` up to `to` (or the end of the file); returns where it stopped.
fn read_range(
    file: &mut std::fs::File,
    buf: &mut [u8],
    from: u64,
    to: u64,
    mut push: impl FnMut(&[u8]),
) -> std::io::Result<u64> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(from))?;
    let mut pos = from;
    while pos < to {
        let want = buf
            .len()
            .min(usize::try_from(to - pos).unwrap_or(usize::MAX));
        let n = file.read(&mut buf[..want])?;
        if n == 0 {
            break;
        }
        push(&buf[..n]);
        pos += n as u64;
    }
    Ok(pos)
}

/// The rest of a large file after its head: cut into one part per core (each starting after a newline), the
/// first read here, the others each on a thread of its own, merged in file order; whatever a part leaves (where
/// it stopped, or all of it when refused) is read here in order.
fn read_in_parts(
    path: &str,
    file: &mut std::fs::File,
    buf: &mut [u8],
    reader: &mut FileReader,
    setup: &stackscope::ingest::PartSetup,
    size: u64,
    cores: u64,
) -> std::io::Result<()> {
    use stackscope::ingest::{PartReader, PartResult};
    let mut starts: Vec<u64> = Vec::new();
    for k in 1..cores {
        let s = line_start_after(file, HEAD + (size - HEAD) * k / cores)?;
        if s < size && starts.last().is_none_or(|&l| s > l) {
            starts.push(s);
        }
    }
    let Some(&first) = starts.first() else {
        return read_range(file, buf, HEAD, u64::MAX, |b| reader.push(b)).map(drop);
    };
    let read_part = |start: u64, end: u64| -> Option<PartResult> {
        let mut f = std::fs::File::open(path).ok()?;
        let mut part = PartReader::new(setup, start);
        let mut buf = vec![0u8; 1 << 20];
        read_range(&mut f, &mut buf, start, end, |b| {
            if !part.stopped() {
                part.push(b);
            }
        })
        .ok()?;
        Some(part.finish(end >= size))
    };
    std::thread::scope(|scope| {
        let parts: Vec<_> = starts
            .iter()
            .enumerate()
            .map(|(k, &start)| {
                let end = starts.get(k + 1).copied().unwrap_or(size);
                let read_part = &read_part;
                scope.spawn(move || read_part(start, end))
            })
            .collect();
        let mut pos = read_range(file, buf, HEAD, first, |b| reader.push(b))?;
        for (part, &start) in parts.into_iter().zip(&starts) {
            let found = part.join().ok().flatten();
            if pos < start {
                pos = read_range(file, buf, pos, start, |b| reader.push(b))?;
            }
            if let Some(found) = found {
                let m = reader.merge_part(&found);
                if std::env::var_os("STACKSCOPE_PARTS_FROM").is_some() {
                    let what = if m.merged { "merged" } else { "refused" };
                    eprintln!(
                        "stackscope: {path}: part at byte {start} {what}, read on from byte {}",
                        m.resume_at
                    );
                }
                pos = m.resume_at;
            }
        }
        read_range(file, buf, pos, u64::MAX, |b| reader.push(b)).map(drop)
    })
}

/// The first byte after a newline at or after `at` (the file's size when there is none).
fn line_start_after(file: &mut std::fs::File, mut at: u64) -> std::io::Result<u64> {
    use std::io::{Seek, SeekFrom};
    let mut buf = [0u8; 64 * 1024];
    file.seek(SeekFrom::Start(at))?;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(at);
        }
        if let Some(i) = buf[..n].iter().position(|&b| b == b'\n') {
            return Ok(at + i as u64 + 1);
        }
        at += n as u64;
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
