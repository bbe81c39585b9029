//! Did-you-mean: the known name nearest to a misspelt one.

/// tibemsd.conf parameters and INI keys: the candidate with the highest normalized
/// Damerau-Levenshtein similarity, if it is at least 0.7; on a tie the first candidate wins.
/// Candidates that [`could_be_near`] rules out are not compared.
pub fn nearest_damerau_levenshtein<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&'a str, f64)> = None;
    for known in candidates.into_iter().filter(|k| could_be_near(name, k)) {
        let score = strsim::normalized_damerau_levenshtein(name, known);
        match best {
            Some((_, b)) if b >= score => {}
            _ => best = Some((known, score)),
        }
    }
    // 0.7 keeps one or two slips in a short name (`listn`) and rejects unrelated words.
    best.filter(|&(_, score)| score >= 0.7).map(|(n, _)| n)
}

/// Whether two names may have a normalized Damerau-Levenshtein similarity of 0.7, that is a
/// distance of at most 0.3 times the longer length. Two lower bounds of the distance rule most
/// pairs out cheaply: the difference of the lengths, and how many characters one name has
/// that the other lacks (each edit changes at most one count each way; a transposition none).
/// Comparing only the rest keeps a file of unknown names from costing a quadratic distance
/// per name and catalog entry.
pub fn could_be_near(name: &str, known: &str) -> bool {
    let (a, b) = (name.chars().count(), known.chars().count());
    let longest = a.max(b);
    if a.abs_diff(b) * 10 > 3 * longest {
        return false;
    }
    // Characters counted in 64 buckets: sharing a bucket only lowers the bound.
    let mut counts = [0i32; 64];
    for c in name.chars() {
        counts[c as usize % 64] += 1;
    }
    for c in known.chars() {
        counts[c as usize % 64] -= 1;
    }
    let (more, fewer) = counts.iter().fold((0, 0), |(more, fewer), &n| {
        (more + n.max(0), fewer + (-n).max(0))
    });
    more.max(fewer) as usize * 10 <= 3 * longest
}

/// Rule names and store names: the candidate with the highest Jaro-Winkler similarity, if it
/// is above 0.85; on a tie the last candidate wins.
pub fn nearest_jaro_winkler<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    candidates
        .into_iter()
        // Jaro-Winkler stays below 0.85 when one name is over four times as long as the
        // other: skip the quadratic comparison (a long `allow(…)` would cost it per rule).
        .filter(|n| {
            let n_len = n.chars().count();
            len <= 4 * n_len && n_len <= 4 * len
        })
        .map(|n| (strsim::jaro_winkler(name, n), n))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}
