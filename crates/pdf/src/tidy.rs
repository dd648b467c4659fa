//! Shrinks printpdf's output without changing a drawn pixel: a page's TrimBox/CropBox equal
//! to its MediaBox (the default), an empty /Annots, empty resource dictionaries, one /Resources
//! per page, and the font's /W widths written one by one (most hanzi are 1000 wide, so runs
//! `first last width` say the same in a fraction of the bytes). Every page of every draft pays
//! for these, and the seed PDF is near its 150 KB budget.

use lopdf::{Dictionary, Document, Object};

pub fn tidy(doc: &mut Document) {
    let mut font_resources = None;
    for (_, page_id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary_mut(page_id) else { continue };
        page.remove(b"TrimBox");
        page.remove(b"CropBox");
        if page.get(b"Annots").and_then(Object::as_array).is_ok_and(Vec::is_empty) {
            page.remove(b"Annots");
        }
        let resources = page.get(b"Resources").and_then(Object::as_reference).ok();
        if font_resources.is_none() {
            font_resources =
                resources.and_then(|r| doc.get_dictionary(r).ok()).and_then(|d| d.get(b"Font").ok()).cloned();
        }
    }
    if let Some(fonts) = font_resources {
        let shared = doc.add_object(Dictionary::from_iter(vec![("Font", fonts)]));
        for (_, page_id) in doc.get_pages() {
            if let Ok(page) = doc.get_dictionary_mut(page_id) {
                page.set("Resources", Object::Reference(shared));
            }
        }
    }
    compact_widths(doc);
    doc.prune_objects();
    doc.renumber_objects();
}

/// Rewrites every CID font's /W array with runs of equal widths.
fn compact_widths(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Ok(font) = object.as_dict_mut() else { continue };
        let Ok(descendants) = font.get_mut(b"DescendantFonts").and_then(Object::as_array_mut) else { continue };
        for cid_font in descendants.iter_mut().filter_map(|d| d.as_dict_mut().ok()) {
            if let Some(w) = cid_font.get(b"W").ok().and_then(|w| widths(w.as_array().ok()?)) {
                cid_font.set("W", Object::Array(encode(&w)));
            }
        }
    }
}

/// Reads `[c [w w …] c [w …] c_first c_last w …]` into (cid, width) pairs, in order.
fn widths(array: &[Object]) -> Option<Vec<(i64, Object)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < array.len() {
        let first = array[i].as_i64().ok()?;
        match array.get(i + 1)? {
            Object::Array(ws) => {
                out.extend(ws.iter().enumerate().map(|(k, w)| (first + k as i64, w.clone())));
                i += 2;
            }
            _ => {
                let last = array[i + 1].as_i64().ok()?;
                let w = array.get(i + 2)?;
                out.extend((first..=last).map(|c| (c, w.clone())));
                i += 3;
            }
        }
    }
    Some(out)
}

/// Consecutive cids with one width become `first last width` (three or more of them); the
/// rest are listed as `first [w w …]`.
fn encode(widths: &[(i64, Object)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut list: Vec<Object> = Vec::new();
    let mut list_start = 0;
    let mut i = 0;
    while i < widths.len() {
        let (cid, ref w) = widths[i];
        let mut j = i;
        while j + 1 < widths.len() && widths[j + 1].0 == widths[j].0 + 1 && widths[j + 1].1 == *w {
            j += 1;
        }
        let contiguous = list.is_empty() || list_start + list.len() as i64 == cid;
        if (j - i >= 2 || !contiguous) && !list.is_empty() {
            out.push(Object::Integer(list_start));
            out.push(Object::Array(std::mem::take(&mut list)));
        }
        if j - i >= 2 {
            out.extend([Object::Integer(cid), Object::Integer(widths[j].0), w.clone()]);
            i = j + 1;
        } else {
            if list.is_empty() {
                list_start = cid;
            }
            list.push(w.clone());
            i += 1;
        }
    }
    if !list.is_empty() {
        out.push(Object::Integer(list_start));
        out.push(Object::Array(list));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Vec<Object> {
        v.iter().map(|&i| Object::Integer(i)).collect()
    }

    #[test]
    fn widths_round_trip_through_runs() {
        let mut list = ints(&[500, 600]);
        list.extend(ints(&[1000; 5]));
        list.push(Object::Integer(300));
        let original = vec![Object::Integer(1), Object::Array(list), Object::Integer(20), Object::Array(ints(&[250]))];
        let read = widths(&original).unwrap();
        assert_eq!(read.len(), 9);
        let encoded = encode(&read);
        assert_eq!(
            encoded,
            vec![
                Object::Integer(1),
                Object::Array(ints(&[500, 600])),
                Object::Integer(3),
                Object::Integer(7),
                Object::Integer(1000),
                Object::Integer(8),
                Object::Array(ints(&[300])),
                Object::Integer(20),
                Object::Array(ints(&[250])),
            ]
        );
        assert_eq!(widths(&encoded).unwrap(), read);
    }
}
