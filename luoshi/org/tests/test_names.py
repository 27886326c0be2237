from luoshi.org.names import normalize_unit_name


def test_strips_every_kind_of_space() -> None:
    assert normalize_unit_name(" 省 发展改革委\u3000\t") == "省发展改革委"


def test_folds_fullwidth_ascii_to_halfwidth() -> None:
    assert normalize_unit_name("各市（州）政府ＡＢＣ１２") == "各市(州)政府ABC12"


def test_drops_zero_width_characters() -> None:
    assert normalize_unit_name("省\u200b工信委\ufeff") == "省工信委"


def test_does_not_shorten_province_prefix() -> None:
    assert normalize_unit_name("甘肃省发展改革委") == "甘肃省发展改革委"
