//! The layout's own rules, checked natively: product files stay short enough to read
//! (at most 600 lines before their tests), and the README stays a newcomer's page.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const MAX_LINES_BEFORE_TESTS: usize = 600;
const MAX_README_LINES: usize = 200;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The product's sources: the component and every crate, without test-only files.
fn product_files() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("src")];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        dirs.push(entry.unwrap().path().join("src"));
    }
    let mut files = vec![];
    for dir in dirs {
        rust_files(&dir, &mut files);
    }
    let is_test = |p: &PathBuf| p.file_name().unwrap().to_str().unwrap().ends_with("tests.rs");
    files.into_iter().filter(|p| !is_test(p)).collect()
}

/// Lines up to the file's first `#[cfg(test)]`, or all of them.
fn lines_before_tests(source: &str) -> usize {
    source.lines().take_while(|l| !l.starts_with("#[cfg(test)]")).count()
}

#[test]
fn no_product_file_is_over_600_lines_before_its_tests() {
    let files = product_files();
    assert!(files.len() > 50, "the walk found only {} files", files.len());
    let mut long = vec![];
    for path in files {
        let n = lines_before_tests(&std::fs::read_to_string(&path).unwrap());
        if n > MAX_LINES_BEFORE_TESTS {
            long.push(format!("{} ({n} lines)", path.strip_prefix(root()).unwrap().display()));
        }
    }
    assert!(long.is_empty(), "over {MAX_LINES_BEFORE_TESTS} lines before the tests: {long:?}");
}

#[test]
fn the_readme_is_at_most_200_lines() {
    let n = std::fs::read_to_string(root().join("README.md")).unwrap().lines().count();
    assert!(n <= MAX_README_LINES, "README.md has {n} lines; move detail to docs/");
}

#[test]
fn lines_before_tests_stops_at_the_test_module() {
    assert_eq!(lines_before_tests("a\nb\n#[cfg(test)]\nmod tests;\n"), 2);
    assert_eq!(lines_before_tests("a\nb\n"), 2);
}

/// The stylesheet the component packs is style/riskgate.css less its comments and some
/// whitespace, nothing else: with all whitespace gone, the two read the same.
#[test]
fn the_packed_stylesheet_is_the_source_without_comments_and_spaces() {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/riskgate.css")).unwrap();
    let mut uncommented = String::new();
    let mut rest = source.as_str();
    while let Some(start) = rest.find("/*") {
        uncommented.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").unwrap().1;
    }
    uncommented.push_str(rest);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(";}", "}");
    let packed = include_str!(concat!(env!("OUT_DIR"), "/riskgate.css"));
    assert_eq!(squeeze(packed), squeeze(&uncommented));
    assert!(!packed.contains("/*") && !packed.contains('\n'), "minified");
    assert!(packed.len() < source.len() * 4 / 5, "{} of {} bytes", packed.len(), source.len());
    // A descendant `:focus-visible` keeps its space.
    assert!(packed.contains(".riskgate :focus-visible"));
}
