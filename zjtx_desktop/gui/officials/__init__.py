"""The officials' side of the window: the workspace home (inbox and batch 初核 list), the
review panel of one application, and the 汇总表 dialog. Views over core/workspace."""
