//! Keeps docs/rules.md in step with the engine. That document is where the rules live in this
//! repository: every check id a finding can carry and every profile id a draft can name must be
//! explained there (written in backticks, as `c04-strict-boundary`), so that a user or reviewer
//! who meets an id can look it up. It must also stand on its own, without pointing outside the
//! repository.

use jixiao_core::profile::PROFILES;
use jixiao_core::CheckId;

const RULES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md"));

#[test]
fn every_check_id_is_documented() {
    let missing: Vec<String> =
        CheckId::ALL.iter().map(|id| id.code()).filter(|code| !RULES.contains(&format!("`{code}`"))).collect();
    assert!(missing.is_empty(), "docs/rules.md does not describe these checks: {}", missing.join(", "));
}

#[test]
fn every_profile_id_is_documented() {
    let missing: Vec<&str> = PROFILES.iter().map(|p| p.id).filter(|id| !RULES.contains(&format!("`{id}`"))).collect();
    assert!(missing.is_empty(), "docs/rules.md does not describe these profiles: {}", missing.join(", "));
}

/// Every link of the document leads to a file of this repository: a rule is written here, not
/// left to a document the reader of the repository does not have.
#[test]
fn the_document_stands_on_its_own() {
    let docs = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs"));
    let root = docs.parent().unwrap().canonicalize().unwrap();
    let targets: Vec<&str> = RULES.split("](").skip(1).filter_map(|rest| rest.split(')').next()).collect();
    assert!(!targets.is_empty(), "docs/rules.md links to docs/draft-format.md at least");
    for target in targets {
        if target.starts_with("http://") || target.starts_with("https://") || target.starts_with('#') {
            continue;
        }
        let path = docs.join(target.split('#').next().unwrap_or(target));
        let inside = path.canonicalize().is_ok_and(|p| p.starts_with(&root));
        assert!(inside, "docs/rules.md links to {target}, which is not a file of this repository");
    }
}
