//! Brotli decompression for the single file `jixiao.html`, whose font and PDF worker wasm
//! scripts/make-single-file.mjs brotli-compresses (each ~20 % smaller than gzip); Chromium 86's
//! `DecompressionStream` knows only gzip and deflate. Two uses of the one decoder:
//!
//! - linked into crates/pdf-worker, which decompresses the font on the first PDF;
//! - built alone with the feature `standalone` (`make dist`), a wasm with no imports that the
//!   worker's bootstrap (web/single-file/worker.js) uses to decompress the worker's own wasm.

use brotli_decompressor::{
    Allocator, BrotliDecompressStream, BrotliResult, BrotliState, SliceWrapper, SliceWrapperMut,
};

/// Far more than the font (4.1 MB) or the worker wasm (4.6 MB): a damaged stream that would be
/// larger is refused instead of eating the tab's memory. (Its message says 64 MB.)
const MAX_OUTPUT: usize = 64 << 20;

const DAMAGED: &str = "本文件内嵌的程序数据已损坏，请重新复制或下载 jixiao.html";

/// The decompressor's tables, on the heap (its own allocator is for `no_std` stacks).
#[derive(Default)]
struct Heap;

#[derive(Default)]
struct Block<T>(Box<[T]>);

impl<T> SliceWrapper<T> for Block<T> {
    fn slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> SliceWrapperMut<T> for Block<T> {
    fn slice_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: Clone + Default> Allocator<T> for Heap {
    type AllocatedMemory = Block<T>;
    fn alloc_cell(&mut self, len: usize) -> Block<T> {
        Block(vec![T::default(); len].into_boxed_slice())
    }
    fn free_cell(&mut self, _: Block<T>) {}
}

/// Not `format!`: without it the standalone decoder has no formatting code (~N KB).
fn damaged(why: &str) -> String {
    [DAMAGED, why].concat()
}

/// The decompressed bytes, or why not in Chinese. Never panics or loops on damaged input: the
/// input is read once, and the output stops growing at `MAX_OUTPUT`.
pub fn decompress(input: &[u8]) -> Result<Vec<u8>, String> {
    let mut state: BrotliState<Heap, Heap, Heap> = BrotliState::new(Heap, Heap, Heap);
    let mut output = vec![0u8; (input.len() * 2).clamp(1 << 16, MAX_OUTPUT)];
    let (mut available_in, mut input_offset) = (input.len(), 0);
    let (mut available_out, mut output_offset, mut total_out) = (output.len(), 0, 0);
    loop {
        let result = BrotliDecompressStream(
            &mut available_in,
            &mut input_offset,
            input,
            &mut available_out,
            &mut output_offset,
            &mut output,
            &mut total_out,
            &mut state,
        );
        match result {
            BrotliResult::ResultSuccess if available_in == 0 => {
                output.truncate(output_offset);
                return Ok(output);
            }
            BrotliResult::ResultSuccess => return Err(damaged("（压缩数据后面有多余的内容）")),
            BrotliResult::NeedsMoreOutput if output.len() < MAX_OUTPUT => {
                let more = output.len().min(MAX_OUTPUT - output.len());
                output.resize(output.len() + more, 0);
                available_out += more;
            }
            BrotliResult::NeedsMoreOutput => return Err(damaged("（解压后超过 64 MB）")),
            BrotliResult::NeedsMoreInput => return Err(damaged("（数据不完整）")),
            BrotliResult::ResultFailure => return Err(damaged("（无法解压）")),
        }
    }
}

/// The standalone decoder's interface, for plain JavaScript (no wasm-bindgen):
/// `input(len)` gives the address to copy `len` compressed bytes to, `decompress()` returns 1
/// (the decompressed bytes) or 0 (a message in Chinese, UTF-8), both at `result_ptr()`,
/// `result_len()` bytes long.
#[cfg(feature = "standalone")]
mod standalone {
    use std::cell::RefCell;

    thread_local! {
        static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }

    #[no_mangle]
    pub extern "C" fn input(len: usize) -> *mut u8 {
        INPUT.with(|i| {
            let mut i = i.borrow_mut();
            *i = vec![0; len];
            i.as_mut_ptr()
        })
    }

    #[no_mangle]
    pub extern "C" fn decompress() -> u32 {
        let result = INPUT.with(|i| super::decompress(&std::mem::take(&mut *i.borrow_mut())));
        let (ok, bytes) = match result {
            Ok(bytes) => (1, bytes),
            Err(message) => (0, message.into_bytes()),
        };
        RESULT.with(|r| *r.borrow_mut() = bytes);
        ok
    }

    #[no_mangle]
    pub extern "C" fn result_ptr() -> *const u8 {
        RESULT.with(|r| r.borrow().as_ptr())
    }

    #[no_mangle]
    pub extern "C" fn result_len() -> usize {
        RESULT.with(|r| r.borrow().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fonts/OFL.txt and 300 000 bytes of repeated text, compressed by Node's zlib as
    /// scripts/make-single-file.mjs does (quality 11, window 24).
    const OFL_BR: &[u8] = include_bytes!("../testdata/OFL.txt.br");
    const OFL: &[u8] = include_bytes!("../../../fonts/OFL.txt");
    const REPEATED_BR: &[u8] = include_bytes!("../testdata/repeated.br");

    #[test]
    fn decompresses() {
        assert_eq!(decompress(OFL_BR).unwrap(), OFL);
        // Far more output than the first buffer: it grows.
        let repeated = decompress(REPEATED_BR).unwrap();
        assert_eq!(repeated.len(), 300_000);
        assert_eq!(repeated, "绩效自评".repeat(25_000).into_bytes());
    }

    #[test]
    fn truncated_input_is_refused() {
        for end in 0..OFL_BR.len() {
            let e = decompress(&OFL_BR[..end]).unwrap_err();
            assert!(e.starts_with(DAMAGED), "{end}: {e}");
        }
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut input = OFL_BR.to_vec();
        input.push(0);
        assert!(decompress(&input).unwrap_err().contains("多余"));
    }

    #[test]
    fn damaged_input_never_panics() {
        let mut refused = 0;
        for at in 0..OFL_BR.len() {
            for bit in [0x01u8, 0x10, 0x80] {
                let mut input = OFL_BR.to_vec();
                input[at] ^= bit;
                // Brotli has no checksum (a flipped literal decodes to another text, a flipped
                // padding bit to the same): the CRC-32 of web/single-file/base122.js catches those.
                if let Err(e) = decompress(&input) {
                    assert!(e.starts_with(DAMAGED), "{e}");
                    refused += 1;
                }
            }
        }
        assert!(refused > OFL_BR.len() * 3 / 2, "most damage is detected: {refused} of {}", OFL_BR.len() * 3);
    }

    #[test]
    fn not_brotli_is_refused() {
        for input in [&b""[..], b"\x00", b"not brotli at all", &[0xff; 64]] {
            assert!(decompress(input).unwrap_err().starts_with(DAMAGED));
        }
    }
}
