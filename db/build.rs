//! Embeds every numbered migration in `migrations/` so that adding a file is all it takes.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("migrations");
    println!("cargo:rerun-if-changed=migrations");
    let mut files: Vec<(i64, String)> = fs::read_dir(dir)
        .expect("db/migrations exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".sql"))
        .map(|name| {
            let number = name
                .split('_')
                .next()
                .and_then(|n| n.parse::<i64>().ok())
                .unwrap_or_else(|| {
                    panic!("migration {name} must start with its number, as 0001_init.sql")
                });
            (number, name)
        })
        .collect();
    files.sort();
    for (index, (number, name)) in files.iter().enumerate() {
        assert_eq!(
            *number,
            index as i64 + 1,
            "migrations must be numbered 1, 2, 3... without gaps: {name}"
        );
    }
    let entries: String = files
        .iter()
        .map(|(number, name)| {
            format!(
                "    Migration {{ version: {number}, name: {name:?}, sql: include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/migrations/{name}\")) }},\n"
            )
        })
        .collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs");
    fs::write(out, format!("&[\n{entries}]")).unwrap();
}
