//! The command line reads a large file in parts on several cores (`src/main.rs`, `read_in_parts`): the same
//! output as reading it in one piece, whether each part is merged, stopped early or refused.
//! `STACKSCOPE_PARTS_FROM` lowers the size from which files are read in parts, so a few MB suffice.

use std::path::PathBuf;
use std::process::Command;

fn usage_log(rows: usize, odd: &[(usize, &str)]) -> String {
    let mut s = String::from("date,user_email,tool,events,feature\n");
    for i in 0..rows {
        if let Some((_, line)) = odd.iter().find(|(at, _)| *at == i) {
            s.push_str(line);
            s.push('\n');
        }
        s.push_str(&format!(
            "2026-{:02}-{:02},user{:04}@corp.example,Tool {:02},{},view\n",
            1 + i % 12,
            1 + (i * 7) % 28,
            (i * 31) % 3000,
            (i * 13) % 40,
            i % 9
        ));
    }
    s
}

fn run(dir: &std::path::Path, usage: &str, parts_from: &str) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stackscope"))
        .args(["utilisation"])
        .arg(dir.join(usage))
        .arg(dir.join("licences.csv"))
        .env("STACKSCOPE_PARTS_FROM", parts_from)
        .output()
        .expect("the CLI runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_reads_a_large_file_in_parts_with_the_same_result() {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("stackscope-cli-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut licences = String::from("Tool,Seats\n");
    for t in 0..40 {
        licences.push_str(&format!("Tool {t:02},{}\n", 50 + t));
    }
    std::fs::write(dir.join("licences.csv"), licences).expect("write");
    let rows = 80_000; // ≈ 3.8 MB: a 1 MiB head, then one part per core
    let files = [
        ("plain.csv", usage_log(rows, &[])),
        // A total line in the second half: the part stops there, the rest is read in order.
        (
            "total.csv",
            usage_log(rows, &[(3 * rows / 4, "Total,,,999,")]),
        ),
        // Quoted cells holding newlines everywhere in the second half: some part starts fall inside one.
        (
            "quoted.csv",
            usage_log(rows, &[])
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i > rows / 2 && i % 3 == 0 {
                        l.replace(",view", ",\"a\nb\nc\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n",
        ),
    ];
    let mut seen = String::new();
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).expect("write");
        let (whole, quiet) = run(&dir, name, "18446744073709551615");
        assert!(quiet.is_empty(), "{name}: read in one piece: {quiet}");
        let (parts, said) = run(&dir, name, "0");
        assert!(whole.contains("\"active_30\""), "{name}: {whole}");
        assert_eq!(parts, whole, "{name}: in parts ({said})");
        seen.push_str(&said);
    }
    eprintln!("{seen}");
    let _ = std::fs::remove_dir_all(&dir);
    // Every kind of merge happened (on a machine with at least two cores).
    if std::thread::available_parallelism().map_or(1, |n| n.get()) > 1 {
        assert!(
            seen.contains("plain.csv: part at byte") && seen.contains(" merged"),
            "{seen}"
        );
        assert!(
            seen.contains("quoted.csv: part at byte") && seen.contains("refused"),
            "{seen}"
        );
        // The total line stops the part: the rest is read on from that line, before the end of the file.
        let total = seen
            .lines()
            .find(|l| l.contains("total.csv"))
            .expect("a part of total.csv");
        let size = files[1].1.len().to_string();
        assert!(
            total.contains(" merged") && !total.ends_with(&size),
            "{total}"
        );
    }
}
