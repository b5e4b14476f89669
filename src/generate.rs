//! Synthetic corpora for benchmarks (`corridor bench-corpus`): documents of realistic text
//! drawn from a source corpus (by default the user's own, in `data/`), with names varied so that
//! the number of distinct entities grows with the corpus, as it does in years of real statements.
//!
//! Each document mixes paragraphs of the source texts with sentences that name new numbered
//! meetings, economic zones, ambassadors and forums, built from fixed syllable lists by a seeded
//! generator: the same size and seed give the same files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a corpus could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The source folder has no text to draw from.
    #[error("{0}: no .txt, .md or .html file with text to draw from")]
    NoSource(PathBuf),
    /// A file could not be read or written.
    #[error("{path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// What was generated.
#[derive(Debug)]
pub struct Generated {
    /// Documents written.
    pub documents: usize,
    /// Bytes of text written.
    pub bytes: u64,
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: [&str; 24] = [
    "安", "宝", "昌", "达", "丰", "广", "海", "和", "华", "嘉", "江", "锦", "康", "兰", "隆", "明",
    "宁", "平", "瑞", "盛", "泰", "祥", "新", "兴",
];
const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 16] = [
    "建国", "志强", "晓明", "海涛", "丽华", "卫东", "文军", "红梅", "国庆", "新民", "永刚", "春燕",
    "立新", "振华", "雪梅", "德胜",
];
const TOPICS: [&str; 8] = [
    "战略对话",
    "外交磋商",
    "经贸联委会",
    "海洋合作对话",
    "反恐磋商",
    "农业合作工作组会议",
    "数字经济合作论坛",
    "人文交流论坛",
];
const PARTNERS: [(&str, &str, &str); 6] = [
    ("country/pakistan", "巴基斯坦", "中巴"),
    ("country/bangladesh", "孟加拉国", "中孟"),
    ("country/nepal", "尼泊尔", "中尼"),
    ("country/sri-lanka", "斯里兰卡", "中斯"),
    ("country/maldives", "马尔代夫", "中马"),
    ("country/afghanistan", "阿富汗", "中阿"),
];
const KINDS: [&str; 4] = ["joint-statement", "readout", "action-plan", "press-release"];
const CHINESE_NUMERALS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A number in Chinese numerals (1–99), as ordinals in the texts are written.
fn chinese_number(n: usize) -> String {
    let n = n.clamp(1, 99);
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    if tens > 1 {
        out.push_str(CHINESE_NUMERALS[tens]);
    }
    if tens > 0 {
        out.push('十');
    }
    if ones > 0 || tens == 0 {
        out.push_str(CHINESE_NUMERALS[ones]);
    }
    out
}

/// A sentence naming something new: a numbered meeting, an economic zone, an ambassador or a
/// forum, varied by `rng` and the document number `n`.
fn varied_sentence(rng: &mut Rng, n: usize, partner: (&str, &str, &str)) -> String {
    let (_, name, pair) = partner;
    let place = format!("{}{}", rng.pick(&SYLLABLES), rng.pick(&SYLLABLES));
    let person = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
    match rng.below(4) {
        0 => format!(
            "双方在{place}举行第{}轮{pair}{}，就双边关系和共同关心的问题深入交换意见。",
            chinese_number(1 + (n + rng.below(40)) % 99),
            rng.pick(&TOPICS)
        ),
        1 => format!(
            "双方同意加快推进{place}{}经济特区建设，欢迎更多企业赴{name}投资兴业。",
            rng.pick(&SYLLABLES)
        ),
        2 => format!(
            "中国驻{name}大使{person}出席活动并致辞，表示愿同{name}方共同努力，推动务实合作。"
        ),
        _ => format!(
            "第{}届{place}{}论坛在{name}举行，双方代表出席。",
            chinese_number(1 + rng.below(30)),
            rng.pick(&["国际合作", "南亚经贸", "丝路发展", "区域互联互通"])
        ),
    }
}

fn read_sources(dir: &Path) -> Result<Vec<String>, GenerateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "txt" || x == "md" || x == "html")
        })
        .collect();
    files.sort();
    let mut paragraphs = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).map_err(io(&f))?;
        paragraphs.extend(
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| p.chars().count() >= 8)
                .map(str::to_string),
        );
    }
    if paragraphs.is_empty() {
        return Err(GenerateError::NoSource(dir.to_path_buf()));
    }
    Ok(paragraphs)
}

/// Writes about `megabytes` MB of documents (each near `doc_kb` KB) and their `corpus.toml` into
/// `out`, drawing paragraphs from the texts in `source`.
pub fn bench_corpus(
    source: &Path,
    out: &Path,
    megabytes: f64,
    doc_kb: usize,
    seed: u64,
) -> Result<Generated, GenerateError> {
    let paragraphs = read_sources(source)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    fs::create_dir_all(out).map_err(io(out))?;
    let target = (megabytes * 1_000_000.0) as u64;
    let doc_bytes = doc_kb.max(1) * 1000;
    let mut rng = Rng(seed);
    let mut manifest = String::from(
        "# A generated corpus for benchmarks (corridor bench-corpus): paragraphs of the source\n\
         # texts with names varied so that the number of distinct entities grows.\n",
    );
    let mut written = 0u64;
    let mut n = 0usize;
    while written < target {
        n += 1;
        let partner = PARTNERS[rng.below(PARTNERS.len())];
        let mut text = String::new();
        let mut since_varied = 0;
        while text.len() < doc_bytes {
            text.push_str(&paragraphs[rng.below(paragraphs.len())]);
            text.push_str("\n\n");
            since_varied += 1;
            if since_varied >= 2 {
                text.push_str(&varied_sentence(&mut rng, n, partner));
                text.push_str("\n\n");
                since_varied = 0;
            }
        }
        let file = format!("doc-{n:06}.txt");
        let path = out.join(&file);
        fs::write(&path, &text).map_err(io(&path))?;
        written += text.len() as u64;
        let year = 2013 + rng.below(14);
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        manifest.push_str(&format!(
            "\n[[document]]\nid = \"bench-{n:06}\"\nfile = \"{file}\"\n\
             title = \"中国和{}关于深化合作的联合声明（{n}）\"\ndate = \"{year}-{month:02}-{day:02}\"\n\
             kind = \"{}\"\nparties = [\"country/china\", \"{}\"]\n",
            partner.1,
            KINDS[n % KINDS.len()],
            partner.0
        ));
    }
    let path = out.join("corpus.toml");
    let mut f = fs::File::create(&path).map_err(io(&path))?;
    f.write_all(manifest.as_bytes()).map_err(io(&path))?;
    Ok(Generated {
        documents: n,
        bytes: written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_as_written() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 35, 99].map(chinese_number).to_vec();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "三十五", "九十九"]);
    }

    #[test]
    fn the_same_size_and_seed_give_the_same_corpus_and_names_vary() {
        let src = tempfile::tempdir().unwrap();
        fs::write(
            src.path().join("a.txt"),
            "中巴经济走廊是共建“一带一路”的重要项目。\n\n双方同意深化各领域务实合作，推动关系发展。",
        )
        .unwrap();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let ga = bench_corpus(src.path(), a.path(), 0.05, 5, 7).unwrap();
        bench_corpus(src.path(), b.path(), 0.05, 5, 7).unwrap();
        assert!(ga.documents >= 9 && ga.bytes >= 50_000, "{ga:?}");
        for f in ["corpus.toml", "doc-000001.txt", "doc-000005.txt"] {
            assert_eq!(
                fs::read(a.path().join(f)).unwrap(),
                fs::read(b.path().join(f)).unwrap(),
                "{f}"
            );
        }
        let one = fs::read_to_string(a.path().join("doc-000001.txt")).unwrap();
        let two = fs::read_to_string(a.path().join("doc-000002.txt")).unwrap();
        assert_ne!(one, two);
        let manifest = fs::read_to_string(a.path().join("corpus.toml")).unwrap();
        assert_eq!(manifest.matches("[[document]]").count(), ga.documents);
        assert!(bench_corpus(b.path().join("none").as_path(), a.path(), 1.0, 5, 1).is_err());
    }
}
