fn rss(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .expect("field");
    line.split_whitespace()
        .nth(1)
        .expect("n")
        .parse::<f64>()
        .expect("num")
        / 1024.0
}
#[test]
fn mem() {
    let path = std::env::var("F").expect("F");
    let mode = std::env::var("M").expect("M");
    let bytes = std::fs::read(&path).expect("read");
    let base = rss("VmRSS:");
    let hwm0 = rss("VmHWM:");
    match mode.as_str() {
        "sheet" => {
            let text = std::str::from_utf8(&bytes).expect("utf8");
            let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.expect("r").iter().map(str::to_owned).collect())
                .collect();
            println!("MEM sheet kept {:.1}", rss("VmRSS:") - base);
            std::hint::black_box(&rows);
        }
        "records" => {
            let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&bytes[..])
                .records()
                .map(|r| r.expect("r"))
                .collect();
            println!("MEM records kept {:.1}", rss("VmRSS:") - base);
            std::hint::black_box(&rows);
        }
        "workspace" => {
            let imported = whoowns::spreadsheet::read_csv(&bytes, "b").expect("reads");
            println!(
                "MEM workspace kept {:.1} peak {:.1}",
                rss("VmRSS:") - base,
                rss("VmHWM:") - hwm0.max(base)
            );
            let text = whoowns::workspace::to_toml(&imported.workspace);
            println!(
                "MEM +text {:.1} (text {:.1} MB) peak {:.1}",
                rss("VmRSS:") - base,
                text.len() as f64 / 1048576.0,
                rss("VmHWM:") - base
            );
            drop(imported);
            let parsed = whoowns::workspace::parse(&text).expect("loads");
            println!(
                "MEM parsed+text {:.1} peak {:.1}",
                rss("VmRSS:") - base,
                rss("VmHWM:") - base
            );
            std::hint::black_box(&parsed);
        }
        "gen" => {
            let ws = whoowns::generate::workspace(20, 200_000, 7);
            println!("MEM generated ws kept {:.1}", rss("VmRSS:") - base);
            std::hint::black_box(&ws);
        }
        "clone" => {
            let imported = whoowns::spreadsheet::read_csv(&bytes, "b").expect("reads");
            let before = rss("VmRSS:");
            let copy = imported.workspace.clone();
            println!("MEM workspace clone adds {:.1}", rss("VmRSS:") - before);
            std::hint::black_box(&copy);
        }
        _ => {}
    }
}
