//! Every measure of the page, in pt. Margins follow GB/T 9704-2012 (党政机关公文格式): A4,
//! 天头 37 mm, 订口 28 mm, a 156 × 225 mm text block, the page number 7 mm below it.

pub const MM: f32 = 72.0 / 25.4;

pub const PAGE_WIDTH: f32 = 210.0 * MM;
pub const PAGE_HEIGHT: f32 = 297.0 * MM;
pub const LEFT: f32 = 28.0 * MM;
pub const TOP: f32 = 37.0 * MM;
pub const BODY_WIDTH: f32 = 156.0 * MM;
pub const BOTTOM: f32 = TOP + 225.0 * MM;

/// 「第 X 页 共 Y 页」: 五号, its em box starting 7 mm below the text block.
pub const FOOTER_SIZE: f32 = 10.5;
pub const FOOTER_TOP: f32 = BOTTOM + 7.0 * MM;

/// 表名 (小二, bold) and the year under it.
pub const TITLE_SIZE: f32 = 18.0;
pub const SUBTITLE_SIZE: f32 = 12.0;

/// Table text: 小五, so nine columns fit the 156 mm block.
pub const TABLE_SIZE: f32 = 9.0;
pub const TABLE_LINE: f32 = 12.0;
pub const CELL_PAD_X: f32 = 2.0;
pub const CELL_PAD_Y: f32 = 2.0;
pub const RULE: f32 = 0.5;
/// Column widths in mm: 绩效指标/labels, 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.
pub const COLUMNS_MM: [f32; 9] = [15.0, 15.0, 17.0, 24.0, 20.0, 19.0, 12.0, 14.0, 20.0];

/// Report text: 四号, lines 25 pt apart (≈ 25 lines a page), first lines indented 2 characters.
pub const REPORT_SIZE: f32 = 14.0;
pub const REPORT_LINE: f32 = 25.0;
pub const REPORT_TITLE_SIZE: f32 = 18.0;

/// 「草稿」 across the page, light enough to read the text through.
pub const WATERMARK_SIZE: f32 = 120.0;
pub const WATERMARK_GRAY: f32 = 0.85;

pub fn columns() -> [f32; 9] {
    COLUMNS_MM.map(|w| w * MM)
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_fill_the_text_block() {
        let sum: f32 = super::COLUMNS_MM.iter().sum();
        assert!((sum - 156.0).abs() < 1e-3, "{sum}");
    }
}
