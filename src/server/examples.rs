//! The example queries of `queries/`, built into the binary so the browser offers them wherever
//! the server runs.

/// Each example: its name (the file name without `.rq`) and its text.
pub const EXAMPLES: [(&str, &str); 7] = [
    (
        "cpec-projects",
        include_str!("../../queries/cpec-projects.rq"),
    ),
    (
        "xi-jinping-met",
        include_str!("../../queries/xi-jinping-met.rq"),
    ),
    (
        "xi-jinping-proposed",
        include_str!("../../queries/xi-jinping-proposed.rq"),
    ),
    (
        "gdi-supporters",
        include_str!("../../queries/gdi-supporters.rq"),
    ),
    (
        "documents-issued-2025",
        include_str!("../../queries/documents-issued-2025.rq"),
    ),
    (
        "ml1-evidence",
        include_str!("../../queries/ml1-evidence.rq"),
    ),
    (
        "cooccurrence",
        include_str!("../../queries/cooccurrence.rq"),
    ),
];

/// The question an example answers: the first comment line of its text.
pub fn title(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.strip_prefix('#'))
        .map_or("", str::trim)
}

/// The example of that name.
pub fn find(name: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_queries_is_an_example_with_a_title() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .collect();
        files.sort();
        let mut names: Vec<String> = EXAMPLES.iter().map(|(n, _)| format!("{n}.rq")).collect();
        names.sort();
        assert_eq!(files, names);
        assert!(EXAMPLES.iter().all(|(_, t)| !title(t).is_empty()));
        assert_eq!(find("cpec-projects").map(title), Some(title(EXAMPLES[0].1)));
    }
}
