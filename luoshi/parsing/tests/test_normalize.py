"""Text cleaning and the same-length matching key."""

from luoshi.parsing.normalize import clean_text, fold, squeeze, to_simplified_char


def test_fold_keeps_length_and_folds_width_and_script() -> None:
    text = "（一）加強建設，１．２Ａ　負責"
    key = fold(text)
    assert len(key) == len(text)
    assert key == "(一)加强建设,1.2A 负责"


def test_fold_leaves_characters_shared_with_simplified_text_alone() -> None:
    assert fold("乾坤") == "乾坤"
    assert to_simplified_char("廳") == "厅"


def test_clean_text_unifies_line_breaks_and_drops_invisible_characters() -> None:
    assert (
        clean_text("\ufeff一、任务\r\n（一）建设\u200b。 \r二、") == "一、任务\n（一）建设。\n二、"
    )


def test_squeeze_removes_whitespace_after_folding() -> None:
    assert squeeze(" 省 財政廳 ") == "省财政厅"
