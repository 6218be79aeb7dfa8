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
        // A total line and a row without an account in the second half: the part reads them too (the row
        // kept for the extractor travels with its result), and the file is read once.
        (
            "total.csv",
            usage_log(
                rows,
                &[
                    (3 * rows / 4, "Total,,,999,"),
                    (7 * rows / 8, "2026-03-01,,Tool 01,1,view"),
                ],
            ),
        ),
        // Decimal events in the second half: the one reading cannot be exact, so a second reading extracts,
        // and that reading's part stops at the row (only the sequential reader has the extractor); the rest is
        // read in order.
        (
            "decimal.csv",
            usage_log(
                rows,
                &[(
                    3 * rows / 4,
                    "2026-03-01,user0001@corp.example,Tool 01,2.5,view",
                )],
            ),
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
        // The total line and the row without an account: the part reads on to the end of the file.
        let part_of =
            |name: &str| -> Vec<&str> { seen.lines().filter(|l| l.contains(name)).collect() };
        let total = part_of("total.csv");
        let size = files[1].1.len().to_string();
        assert!(
            total.len() == 1 && total[0].contains(" merged") && total[0].ends_with(&size),
            "{total:?}"
        );
        // Decimal events: the one reading's part reads to the end, the second reading's stops at the row.
        let decimal = part_of("decimal.csv");
        let size = files[2].1.len().to_string();
        assert!(
            decimal.len() == 2
                && decimal[0].contains(" merged")
                && decimal[0].ends_with(&size)
                && decimal[1].contains(" merged")
                && !decimal[1].ends_with(&size),
            "{decimal:?}"
        );
    }
}
