//! Layout and drawing of the 自评表 and 自评报告 as PDF (issue: the PDF). Placeholder.
