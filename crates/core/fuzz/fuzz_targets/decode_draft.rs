//! Draft-file decoding on arbitrary bytes: never panics; whatever decodes also evaluates,
//! reports, and survives saving and loading again unchanged.
#![no_main]

use jixiao_core::file_format::{decode, encode, encode_compact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(draft) = decode(text) else { return };
    let eval = jixiao_core::evaluate(&draft);
    let _ = jixiao_core::report::generate(&draft, &eval);
    assert_eq!(decode(&encode(&draft)).as_ref(), Ok(&draft), "pretty round trip");
    assert_eq!(decode(&encode_compact(&draft)).as_ref(), Ok(&draft), "compact round trip");
});
