//! Project tasks: `cargo xtask serve | dist | build | test`.
//!
//! Everything a fresh machine needs is installed from here (the wasm target, npm packages from the lockfile,
//! Debian's chromium), so the README's two commands are the whole set-up.

mod bench;
mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

const USAGE: &str = "\
cargo xtask <task>

TASKS:
    serve [--port N]   build the wasm and serve the page on http://127.0.0.1:N (default 8000)
    dist               build everything the page needs into dist/ (copy it to any static web server)
    build              build the release wasm and its JS glue into pkg/
    test               run every test: native, wasm (node) and browser end-to-end; ends with 'N passed, N failed'
    gen [--rows N] [--out DIR]   the reference usage workload for benchmarks (default 1,000,000 rows)
    bench [--rows 1000000,10000000] [--runs 3]   Stackscope vs the streaming floor, DuckDB-WASM and Papa Parse
";

/// The Content-Security-Policy the page is served with (also in index.html as a meta tag).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'; img-src 'self' data: blob:; style-src 'self'; form-action 'none'; base-uri 'none'";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("dist") => dist().map(|p| println!("dist ready: {}", p.display())),
        Some("build") => build_wasm().map(|_| ()),
        Some("test") => return test(),
        Some("gen") => gen_command(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("-h" | "--help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task '{other}'\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn ensure_wasm_target() -> Result<(), String> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to install the wasm target: {e}"))?;
    if !String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        eprintln!("xtask: installing the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// Builds the release wasm and generates the web JS glue into `pkg/`.
pub fn build_wasm() -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    let root = root();
    run(Command::new(env!("CARGO")).current_dir(&root).args([
        "build",
        "--lib",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "stackscope",
    ]))?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/stackscope.wasm");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .omit_default_module_path(false)
        .typescript(false)
        .generate(&pkg)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    eprintln!("xtask: built {}", pkg.display());
    Ok(pkg)
}

fn gen_command(args: &[String]) -> Result<(), String> {
    let mut rows: u64 = 1_000_000;
    let mut out = root().join("target/bench-data");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rows" => {
                rows = it
                    .next()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .ok_or("--rows needs a number")?
            }
            "--out" => out = PathBuf::from(it.next().ok_or("--out needs a folder")?),
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    let (usage, licences) = gen(rows, &out)?;
    println!("{}\n{}", usage.display(), licences.display());
    Ok(())
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut port: u16 = 8000;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number (1–65535)")?;
            }
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    build_wasm()?;
    let root = root();
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port} ({e}); is another server running? Try: cargo xtask serve --port {}", port.wrapping_add(1))
    })?;
    println!("Stackscope is at http://127.0.0.1:{port}/  (Ctrl+C to stop; your files never leave this machine)");
    server::serve_forever(listener, server::Site::dev(&root));
    Ok(())
}

/// Copies the page and the built wasm into `dist/`.
pub fn dist() -> Result<PathBuf, String> {
    build_wasm()?;
    let root = root();
    let dist = root.join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| e.to_string())?;
    }
    copy_dir(&root.join("web"), &dist)?;
    copy_dir(&root.join("pkg"), &dist.join("pkg"))?;
    // Only what the page loads: no .gitignore or package.json from the generator.
    for extra in [".gitignore", "package.json"] {
        let _ = std::fs::remove_file(dist.join("pkg").join(extra));
    }
    // The generated glue carries a documentation link in a comment; dist/ carries no external URL at all.
    let glue_path = dist.join("pkg/stackscope.js");
    let glue = std::fs::read_to_string(&glue_path).map_err(|e| e.to_string())?;
    std::fs::write(&glue_path, strip_url_comments(&glue)).map_err(|e| e.to_string())?;
    let single = single_file(&root)?;
    std::fs::write(dist.join("stackscope.html"), single).map_err(|e| e.to_string())?;
    Ok(dist)
}

/// `stackscope.html`: the whole app in one file that works when opened from disk (`file://`), for a laptop
/// with no web server. Scripts, styles, the font and the wasm are inlined; the engine runs on the page (workers
/// are not available to pages opened from disk) and still shows progress. The Content-Security-Policy allows
/// exactly the inlined script and style by their SHA-256 hashes, and no network at all.
fn single_file(root: &Path) -> Result<String, String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let read = |p: &str| std::fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let html = read("web/index.html")?;
    let font =
        std::fs::read(root.join("web/fonts/OpenSans-Regular.ttf")).map_err(|e| e.to_string())?;
    let css = read("web/styles.css")?.replace(
        "url(\"fonts/OpenSans-Regular.ttf\")",
        &format!("url(\"data:font/ttf;base64,{}\")", b64(&font)),
    );
    let wasm = std::fs::read(root.join("pkg/stackscope_bg.wasm")).map_err(|e| e.to_string())?;
    // JSON strings are valid JavaScript; `</` is escaped so no text can close the script element.
    let js_string = |text: &str| -> Result<String, String> {
        Ok(serde_json_string(text).replace("</", "<\\/"))
    };
    let glue = strip_url_comments(&read("pkg/stackscope.js")?);
    let engine = read("web/engine.js")?;
    let app = read("web/app.js")?;
    let boot = format!(
        "const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));\n\
         const url = (text) => URL.createObjectURL(new Blob([text], {{ type: 'text/javascript' }}));\n\
         const glue = url({glue});\n\
         const engine = url({engine}.replace(\"'./pkg/stackscope.js'\", JSON.stringify(glue)));\n\
         window.STACKSCOPE_INLINE = {{ wasm: b64({wasm}), engineUrl: engine }};\n\
         import(url({app}));\n",
        glue = js_string(&glue)?,
        engine = js_string(&engine)?,
        wasm = js_string(&b64(&wasm))?,
        app = js_string(&app)?,
    );
    let hash = |text: &str| b64(&sha2::Sha256::digest(text.as_bytes()));
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' blob: 'wasm-unsafe-eval'; style-src 'sha256-{}'; font-src data:; img-src data: blob:; connect-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'",
        hash(&boot),
        hash(&css)
    );
    let mut out = String::with_capacity(html.len() + css.len() + boot.len() + 1024);
    for line in html.lines() {
        let t = line.trim_start();
        if t.starts_with("<meta http-equiv=\"Content-Security-Policy\"") {
            out.push_str(&format!(
                "  <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
            ));
        } else if t.starts_with("<link rel=\"stylesheet\"") {
            out.push_str("  <style>");
            out.push_str(&css);
            out.push_str("</style>\n");
        } else if t.starts_with("<script type=\"module\" src=\"app.js\">") {
            out.push_str("  <script type=\"module\">");
            out.push_str(&boot);
            out.push_str("</script>\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Removes `// …http…` comment lines.
fn strip_url_comments(js: &str) -> String {
    js.lines()
        .filter(|l| !(l.trim_start().starts_with("//") && l.contains("://")))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A JSON string literal for `text`.
fn serde_json_string(text: &str) -> String {
    let mut o = String::with_capacity(text.len() + 2);
    o.push('"');
    for c in text.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\u{2028}' => o.push_str("\\u2028"),
            '\u{2029}' => o.push_str("\\u2029"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Counts of passed and failed tests of one suite.
#[derive(Default, Clone, Copy)]
struct Tally {
    passed: u64,
    failed: u64,
}

/// Runs a command, echoing its output, and tallies test results from cargo's `test result:` lines or node's
/// TAP `# pass N` / `# fail N` lines. A suite whose command fails without reporting a failed test counts as
/// one failure, so a crash can never pass silently.
fn run_suite(name: &str, cmd: &mut Command) -> Tally {
    eprintln!("\n=== {name} ===");
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let output = match cmd.spawn().and_then(|c| c.wait_with_output()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("xtask: cannot run {name}: {e}");
            return Tally {
                passed: 0,
                failed: 1,
            };
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{text}");
    let mut t = Tally::default();
    for line in text.lines() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("test result: ") {
            // "ok. 16 passed; 0 failed; 0 ignored; ..."
            for part in rest.split(';') {
                let words: Vec<&str> = part.split_whitespace().collect();
                if let Some(i) = words.iter().position(|w| *w == "passed") {
                    t.passed += words
                        .get(i.wrapping_sub(1))
                        .and_then(|n| n.parse::<u64>().ok())
                        .unwrap_or(0);
                }
                if let Some(i) = words.iter().position(|w| *w == "failed") {
                    t.failed += words
                        .get(i.wrapping_sub(1))
                        .and_then(|n| n.parse::<u64>().ok())
                        .unwrap_or(0);
                }
            }
        } else if let Some((p, f)) = plain_summary(l) {
            t.passed += p;
            t.failed += f;
        } else if let Some(n) = l.strip_prefix("# pass ") {
            t.passed += n.trim().parse::<u64>().unwrap_or(0);
        } else if let Some(n) = l.strip_prefix("# fail ") {
            t.failed += n.trim().parse::<u64>().unwrap_or(0);
        }
    }
    if !output.status.success() && t.failed == 0 {
        eprintln!(
            "xtask: {name} exited with {} without reporting a failed test; counted as one failure",
            output.status
        );
        t.failed += 1;
    }
    if t.passed == 0 && t.failed == 0 {
        eprintln!("xtask: {name} ran no test; counted as one failure");
        t.failed += 1;
    }
    eprintln!("--- {name}: {} passed, {} failed", t.passed, t.failed);
    t
}

/// The plain closing line `N passed, N failed` (Python suites print it).
fn plain_summary(line: &str) -> Option<(u64, u64)> {
    let (a, b) = line.split_once(", ")?;
    let p = a.strip_suffix(" passed")?.trim().parse().ok()?;
    let f = b.strip_suffix(" failed")?.trim().parse().ok()?;
    Some((p, f))
}

/// wasm-bindgen-test's runner, built from crates.io at the exact wasm-bindgen version (no binary download).
fn ensure_wasm_bindgen_test_runner() -> Result<(), String> {
    let ok = Command::new("wasm-bindgen-test-runner")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_BINDGEN_VERSION))
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    eprintln!("xtask: building wasm-bindgen-test-runner {WASM_BINDGEN_VERSION} from crates.io (once; a few minutes)");
    // `--locked` fails for this crate (a pinned dependency is missing from the index), so resolve afresh.
    run(Command::new(env!("CARGO")).args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]))
}

/// The wasm-bindgen version pinned in Cargo.toml (`=0.2.130`).
const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// DuckDB's Python wheel, for the rollup test of docs/scale.md.
fn ensure_duckdb() -> Result<(), String> {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    eprintln!("xtask: installing DuckDB's Python wheel (pip install duckdb)");
    run(Command::new("python3").args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "duckdb",
    ]))
}

fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    if root
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        return Ok(());
    }
    eprintln!("xtask: installing npm packages from package-lock.json (npm ci)");
    run(Command::new("npm")
        .current_dir(root)
        .args(["ci", "--no-audit", "--no-fund"]))
}

fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Err("the browser tests need Debian's chromium; install it with:\n    sudo apt-get update && sudo apt-get install -y chromium".into());
    }
    eprintln!("xtask: installing Debian's chromium (apt-get)");
    run(Command::new("apt-get").arg("update").stdout(Stdio::null()))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "fonts-open-sans",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null()))
}

fn node_test_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
                .map(|p| p.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Free disk space where `path` lives and the size of `target/`, as `df` and `du` print them; CI's disk filled
/// once (stop 13), so every run says how much it had and used.
fn disk_report(root: &Path, when: &str) {
    let df = Command::new("df")
        .args(["-h", "--output=avail,size"])
        .arg(root)
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .nth(1)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" free of ")
        })
        .unwrap_or_default();
    let du = Command::new("du")
        .args(["-sh"])
        .arg(root.join("target"))
        .stderr(Stdio::null())
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("0")
                .to_string()
        })
        .unwrap_or_default();
    eprintln!("xtask: disk {when}: {df}; target/ is {du}");
}

fn test() -> ExitCode {
    let root = root();
    // In CI every build is from scratch: incremental caches would only take disk (about 1 GB).
    if std::env::var_os("CI").is_some() && std::env::var_os("CARGO_INCREMENTAL").is_none() {
        std::env::set_var("CARGO_INCREMENTAL", "0");
    }
    disk_report(&root, "before the tests");
    let mut total = Tally::default();
    let mut add = |t: Tally| {
        total.passed += t.passed;
        total.failed += t.failed;
    };

    // 1. Native unit, integration and doc tests.
    add(run_suite(
        "native tests (cargo test --workspace)",
        Command::new(env!("CARGO")).current_dir(&root).args([
            "test",
            "--workspace",
            "--color",
            "never",
        ]),
    ));

    // 2. The wasm build, then the wasm module's own tests under node.
    let setup: Result<(), String> = (|| {
        // dist() builds the wasm too, and the browser suite checks dist/ and the single-file build.
        dist()?;
        ensure_npm_packages(&root)?;
        ensure_chromium()?;
        Ok(())
    })();
    if let Err(e) = setup {
        eprintln!("xtask: {e}");
        add(Tally {
            passed: 0,
            failed: 1,
        });
    } else {
        add(Tally {
            passed: 1,
            failed: 0,
        });
        match ensure_wasm_bindgen_test_runner() {
            Ok(()) => add(run_suite(
                "wasm-bindgen-test (core compiled to wasm32, under node)",
                Command::new(env!("CARGO"))
                    .current_dir(&root)
                    .env(
                        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                        "wasm-bindgen-test-runner",
                    )
                    .args([
                        "test",
                        "--target",
                        "wasm32-unknown-unknown",
                        "--test",
                        "in_wasm",
                        "--color",
                        "never",
                    ]),
            )),
            Err(e) => {
                eprintln!("xtask: {e}");
                add(Tally {
                    passed: 0,
                    failed: 1,
                });
            }
        }
        if root.join("tests/scale/test_rollup.py").exists() {
            match ensure_duckdb() {
                Ok(()) => add(run_suite(
                    "usage rollup (DuckDB SQL of docs/scale.md)",
                    Command::new("python3")
                        .current_dir(&root)
                        .arg("tests/scale/test_rollup.py"),
                )),
                Err(e) => {
                    eprintln!("xtask: {e}");
                    add(Tally {
                        passed: 0,
                        failed: 1,
                    });
                }
            }
        }
        let wasm_tests = node_test_files(&root.join("tests/wasm"));
        add(run_suite(
            "wasm tests (node)",
            Command::new("node")
                .current_dir(&root)
                .args(["--test", "--test-reporter=tap"])
                .args(&wasm_tests),
        ));

        // 3. Browser end-to-end, against the page served by the same server as `cargo xtask serve`.
        match std::net::TcpListener::bind(("127.0.0.1", 0)) {
            Ok(listener) => {
                let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
                let site = server::Site::dev(&root);
                std::thread::spawn(move || server::serve_forever(listener, site));
                let e2e = node_test_files(&root.join("tests/e2e"));
                add(run_suite(
                    "browser end-to-end (chromium)",
                    Command::new("node")
                        .current_dir(&root)
                        .env("STACKSCOPE_URL", format!("http://127.0.0.1:{port}/"))
                        .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
                        .args(&e2e),
                ));
            }
            Err(e) => {
                eprintln!("xtask: cannot start the test server: {e}");
                add(Tally {
                    passed: 0,
                    failed: 1,
                });
            }
        }
    }

    disk_report(&root, "after the tests");
    println!("\n{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo xtask gen --rows N --out DIR`: the reference usage workload (see docs/performance.md), deterministic.
///
/// `usage.csv`: `date,user_email,tool,events,feature` — 50 tools, 20,000 users, dates over one year
/// (2025-11-21 … 2026-11-20), about 1.75 % of rows with a quoted feature containing a comma.
/// `licences.csv`: `tool,category,seats,annual_cost,renewal_date` for the 50 tools.
pub fn gen(rows: u64, out: &Path) -> Result<(PathBuf, PathBuf), String> {
    use std::io::Write;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let usage = out.join(format!("usage_{rows}.csv"));
    let licences = out.join("licences.csv");
    let mut lic = String::from("tool,category,seats,annual_cost,renewal_date\n");
    for t in 0..50u64 {
        let seats = 200 + (t * 97) % 1800;
        lic.push_str(&format!(
            "Tool {t:02},{},{seats},{}.00,2027-{:02}-{:02}\n",
            [
                "crm",
                "email marketing",
                "analytics",
                "design",
                "collaboration"
            ][(t % 5) as usize],
            seats * (60 + (t * 13) % 400),
            1 + t % 12,
            1 + t % 28
        ));
    }
    std::fs::write(&licences, lic).map_err(|e| e.to_string())?;
    if usage.exists()
        && std::fs::metadata(&usage)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    {
        return Ok((usage, licences));
    }
    let file = std::fs::File::create(&usage).map_err(|e| format!("{}: {e}", usage.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    w.write_all(b"date,user_email,tool,events,feature\n")
        .map_err(|e| e.to_string())?;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    const FEATURES: [&str; 6] = ["view", "edit", "share", "export", "comment", "login"];
    // Days since 1970 of 2025-11-21; dates span 365 days.
    let first_day = 20_413i64;
    let mut line = String::with_capacity(96);
    for _ in 0..rows {
        let r = next();
        let user = (r % 20_000) as u32;
        // Each user uses a handful of tools; popular tools get more users.
        let tool = ((user as u64 * 31 + (r >> 20) % 7 * 7 + ((r >> 30) % 3)) % 50) as u32;
        let day = first_day + ((r >> 40) % 365) as i64;
        let (y, m, d) = civil(day);
        let events = 1 + (r >> 50) % 40;
        line.clear();
        use std::fmt::Write as _;
        let _ = write!(
            line,
            "{y:04}-{m:02}-{d:02},user{user:05}@corp.example,Tool {tool:02},{events},"
        );
        if (r >> 8) % 10_000 < 175 {
            line.push_str("\"export, csv\"");
        } else {
            line.push_str(FEATURES[((r >> 12) % 6) as usize]);
        }
        line.push('\n');
        w.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    Ok((usage, licences))
}

/// Days since 1970-01-01 → (year, month, day).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
