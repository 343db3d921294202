"""The extractor's word lists: every file loads, every entry is sound, a broken file is named."""
import re
import shutil
import sys

import pytest

from planledger import lexicon as lexicon_module
from planledger.errors import DataFileError
from planledger.lexicon import QUALIFIER_CODES, lexicon


def test_all_word_lists_load():
    lex = lexicon()
    assert lex.scales["万亿"] == 10 ** 12 and lex.scales["万"] == 10 ** 4
    assert "个百分点" in lex.points and "%" in lex.percent


@pytest.mark.parametrize("word, code", [("以上", ">="), ("左右", "~"), ("以内", "<="), ("以下", "<=")])
def test_after_words(word, code):
    assert lexicon().qualifier_after[word] == code


@pytest.mark.parametrize("word, code", [("不低于", ">="), ("突破", ">"), ("超过", ">"), ("控制在", "<="),
                                        ("约", "~"), ("低于", "<")])
def test_before_words(word, code):
    assert lexicon().qualifier_before[word] == code


def test_qualifier_codes_are_the_specs():
    lex = lexicon()
    assert set(lex.qualifier_before.values()) | set(lex.qualifier_after.values()) <= set(QUALIFIER_CODES)


def test_growth_and_decline_words_do_not_overlap():
    lex = lexicon()
    assert not set(lex.growth) & set(lex.decline)


@pytest.mark.parametrize("name, content, problem", [
    ("units.yaml", "scales: [1, 2]\n", "'scales' must map"),
    ("cues.yaml", "growth: 增长\n", "must be a list of non-empty strings"),
    ("cues.yaml", None, "'lead_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'action_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'threshold_list_heads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'parallel_modifiers' must be a list of lists of two or more words"),
    ("cues.yaml", None, "'modifier_names' must map a word to a word"),
    ("cues.yaml", None, "'compressed_pairs' must map a word to a list of two words"),
    ("cues.yaml", None, "'ratio_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'subject_predicates' must be a list of non-empty strings"),
    ("cues.yaml", None, "'flow_words_after' must be a list of non-empty strings"),
    ("cues.yaml", None, "'not_flow_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'shared_head_prefixes' must be a list of non-empty strings"),
    ("cues.yaml", None, "'reporting_frame_leads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'spending_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'condition_frames' must be a list of non-empty strings"),
    ("cues.yaml", None, "'target_judgements' must be a list of non-empty strings"),
    ("cues.yaml", None, "'rank_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'improved_falls' must be a list of non-empty strings"),
    ("cues.yaml", None, "'flow_words_leading' must be a list of non-empty strings"),
    ("cues.yaml", None, "'descriptive_attributes' must be a list of non-empty strings"),
    ("cues.yaml", None, "'not_estimated' must be a list of non-empty strings"),
    ("cues.yaml", None, "'threshold_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'class_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'addressed_people' must be a list of non-empty strings"),
    ("cues.yaml", None, "'reach_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'benefit_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'population_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'noun_run_breakers' must be a list of non-empty strings"),
    ("cues.yaml", None, "'benefit_causatives' must be a list of non-empty strings"),
    ("cues.yaml", None, "'policy_leads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'each_kind_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'distributors' must be a list of non-empty strings"),
    ("cues.yaml", None, "'rate_adverbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'explaining_openers' must be a list of non-empty strings"),
    ("cues.yaml", None, "'growth_suffixes' must be a list of non-empty strings"),
    ("cues.yaml", None, "'plan_indicator_heads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'plan_indicator_kinds' must be a list of non-empty strings"),
    ("cues.yaml", None, "'gap_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'gap_references' must be a list of non-empty strings"),
    ("cues.yaml", None, "'gap_reference_modifiers' must be a list of non-empty strings"),
    ("cues.yaml", None, "'gap_verbs_of_periods' must be a list of non-empty strings"),
    ("cues.yaml", None, "'spending_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'sum_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'level_forms' must be a list of non-empty strings"),
    ("cues.yaml", None, "'level_times' must be a list of non-empty strings"),
    ("cues.yaml", None, "'lead_word_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'scope_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'topic_predicates' must be a list of non-empty strings"),
    ("cues.yaml", None, "'since_openers' must be a list of non-empty strings"),
    ("cues.yaml", None, "'since_times' must be a list of non-empty strings"),
    ("cues.yaml", None, "'since_closers' must be a list of non-empty strings"),
    ("cues.yaml", None, "'basis_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'entity_attributes' must be a list of non-empty strings"),
    ("cues.yaml", None, "'size_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'verb_adverbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'decline_leads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'intensity_bases' must be a list of non-empty strings"),
    ("cues.yaml", None, "'intensity_measures' must be a list of non-empty strings"),
    ("cues.yaml", None, "'threshold_nouns' must be a list of non-empty strings"),
    ("cues.yaml", None, "'sector_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'sector_groups' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'aspect_words' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'streak_words' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'streak_units' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'class_level_nouns' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'rank_threshold_units' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'campaign_nouns' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'class_nouns' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'radius_units' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'version_nouns' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'batch_words' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'record_words' must be a list of non-empty strings"),
    ("regions.yaml", None, "'joint_regions' must be a list of non-empty strings"),
    ("not_facts.yaml", "slogans: [十四五, 110]\n", "'slogans' must be a list of non-empty strings"),
    ("qualifiers.yaml", "- not a mapping\n", "mapping at the top level"),
    ("qualifiers.yaml", None, "'before_not_after' must map a word to a list of characters"),
    ("cues.yaml", None, "'verb_not_after' must map a word to a list of characters"),
    ("cues.yaml", None, "'modal_adverbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'duration_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'purpose_words' must be a list of non-empty strings"),
    ("cues.yaml", None, "'purpose_adverbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'target_references' must be a list of non-empty strings"),
    ("cues.yaml", None, "'target_nouns' must be a list of non-empty strings"),
    ("cues.yaml", None, "'duo_compounds' must be a list of non-empty strings"),
    ("not_facts.yaml", None, "'slogans_not_before' must be a list of non-empty strings"),
    ("units.yaml", None, "'per_before' must map a word to its 'per' and 'units'"),
    ("cues.yaml", None, "'bare_measure_names' must be a list of non-empty strings"),
    ("cues.yaml", None, "'event_nouns' must be a list of non-empty strings"),
    ("cues.yaml", None, "'event_units' must be a list of non-empty strings"),
    ("cues.yaml", None, "'rate_of_items_heads' must be a list of non-empty strings"),
    ("cues.yaml", None, "'item_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'basis_prices' must be a list of non-empty strings"),
    ("cues.yaml", None, "'compared_target_verbs' must be a list of non-empty strings"),
    ("cues.yaml", None, "'compared_target_nouns' must be a list of non-empty strings"),
    ("units.yaml", "scales: {万: [\n", "not valid YAML"),
])
def test_a_broken_file_is_named(tmp_path, monkeypatch, name, content, problem):
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    if content is None:  # the real file with one list turned into a string
        import yaml

        real = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        real[problem.split("'")[1]] = "其中"
        content = yaml.safe_dump(real, allow_unicode=True)
    (data / name).write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", data)
    lexicon_module.lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            lexicon_module.lexicon()
        assert name in str(err.value) and problem in str(err.value)
    finally:
        monkeypatch.undo()
        lexicon_module.lexicon.cache_clear()


@pytest.mark.parametrize("name, short", [
    ("重庆市", "重庆"), ("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("香港特别行政区", "香港"),
    ("渝中区", "渝中"), ("海拉尔区", "海拉尔"), ("延边朝鲜族自治州", "延边朝鲜族"), ("全国", "全国"),
    ("沙市", "沙市"),  # a one-character short form would match too much: the name stays whole
    ("", ""), (None, ""),
])
def test_region_key(name, short):
    assert lexicon_module.region_key(name) == short


def test_every_province_has_a_short_form():
    provinces = lexicon_module.regions().provinces
    assert len(provinces) == 34
    assert all(2 <= len(lexicon_module.region_key(p)) < len(p) for p in provinces)


def test_a_broken_regions_file_is_named(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    (data / "regions.yaml").write_text("provinces: 重庆市\nsuffixes: [市]\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", data)
    lexicon_module.regions.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            lexicon_module.regions()
        assert "regions.yaml" in str(err.value) and "'provinces' must be a list" in str(err.value)
    finally:
        monkeypatch.undo()
        lexicon_module.regions.cache_clear()


# -- the cache of parsed data files (lexicon.packaged_data) ------------------------------------------
def _copy_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    monkeypatch.setattr(lexicon_module, "DATA", data)
    cache = tmp_path / "cache"
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(cache))
    return data, cache


def test_a_data_file_is_parsed_once_then_read_from_the_cache(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    import yaml

    parsed = lexicon_module.load_yaml("units.yaml")
    assert parsed == yaml.safe_load((data / "units.yaml").read_text(encoding="utf-8"))
    assert [p.name.split(".")[0] for p in cache.iterdir()] == ["units"]
    calls = []
    monkeypatch.setattr(yaml, "load", lambda *a, **k: calls.append(a))  # a parse would now give None
    assert lexicon_module.load_yaml("units.yaml") == parsed and calls == []


def test_an_edited_data_file_is_parsed_again(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    before = lexicon_module.load_yaml("qualifiers.yaml")
    (data / "qualifiers.yaml").write_text("'>=':\n  before: [不低于]\n  after: [以上]\n", encoding="utf-8")
    after = lexicon_module.load_yaml("qualifiers.yaml")
    assert after == {">=": {"before": ["不低于"], "after": ["以上"]}} != before
    assert len(list(cache.iterdir())) == 2  # one per text


def test_a_cache_that_cannot_be_written_or_read_is_passed_by(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    cache.write_text("a file where the folder should be")
    assert "scales" in lexicon_module.load_yaml("units.yaml")
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(tmp_path / "damaged"))
    lexicon_module.load_yaml("units.yaml")
    for f in (tmp_path / "damaged").iterdir():
        f.write_bytes(b"\x00not marshal")
    assert "scales" in lexicon_module.load_yaml("units.yaml")


def test_no_cache_outside_the_package_or_when_turned_off(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    other = tmp_path / "elsewhere.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    assert lexicon_module.packaged_data(other, other.read_text(), lambda t: {"a": 1}) == {"a": 1}
    assert not cache.exists()
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    lexicon_module.load_yaml("units.yaml")
    assert not cache.exists()


def test_a_broken_data_file_is_named_with_a_cache_in_place(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    lexicon_module.load_yaml("units.yaml")
    (data / "units.yaml").write_text("scales: {万: [\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        lexicon_module.load_yaml("units.yaml")
    assert "units.yaml" in str(err.value) and "not valid YAML" in str(err.value)


def test_data_derived_by_code_is_parsed_again_when_the_code_changes(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    code = tmp_path / "deriving.py"
    code.write_text("# version 1\n", encoding="utf-8")
    path = data / "units.yaml"
    text = path.read_text(encoding="utf-8")
    calls = []

    def derive(t):
        calls.append(t)
        return {"version": len(calls)}

    assert lexicon_module.packaged_data(path, text, derive, derived_by=str(code)) == {"version": 1}
    assert lexicon_module.packaged_data(path, text, derive, derived_by=str(code)) == {"version": 1}
    assert len(calls) == 1  # the second from the cache
    assert [p.name.split(".py")[0] for p in cache.iterdir()] == ["units.yaml.deriving"]  # not the YAML's own
    code.write_text("# version 2\n", encoding="utf-8")
    assert lexicon_module.packaged_data(path, text, derive, derived_by=str(code)) == {"version": 2}
    assert len(list(cache.iterdir())) == 2
    code.unlink()  # code that cannot be read keys nothing: parsed each time
    assert lexicon_module.packaged_data(path, text, derive, derived_by=str(code)) == {"version": 3}


# -- the built tables kept between processes (lexicon.built_tables) -----------------------------------
def _strictly_equal(a, b):
    import dataclasses

    assert type(a) is type(b)
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert x == y and type(x) is type(y), f.name
        if isinstance(x, dict):
            assert list(x) == list(y), f.name  # longest-first tables are read in order


def test_the_lexicon_and_the_grammar_read_from_the_cache_are_those_built(tmp_path, monkeypatch):
    from planledger.numbers import grammar as grammar_module

    for name, cached, build in (("lexicon", lexicon_module.lexicon, lexicon_module._build),
                                ("grammar", grammar_module.grammar, grammar_module._build)):
        monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(tmp_path))
        cached.cache_clear()
        try:
            first = cached()  # built and written
            assert len(list(tmp_path.glob(f"{name}.py*.marshal"))) == 1
            cached.cache_clear()
            monkeypatch.setattr(sys.modules[build.__module__], "_build", lambda: pytest.fail("built again"))
            again = cached()  # read from the cache
        finally:
            monkeypatch.undo()
            cached.cache_clear()
        _strictly_equal(first, build())
        _strictly_equal(again, build())


def test_built_tables_are_built_again_when_their_data_or_code_changes(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    code = tmp_path / "builder.py"
    code.write_text("# 1\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"scales": lexicon_module.load_yaml("units.yaml")["scales"], "n": len(calls),
                "word": re.compile("增长|下降")}

    def tables():
        return lexicon_module.built_tables("tables", ("units.yaml",), (str(code),), build)

    assert tables()["n"] == 1 and tables()["n"] == 1 and len(calls) == 1  # the second from the cache
    assert tables()["word"] == re.compile("增长|下降")
    code.write_text("# 2\n", encoding="utf-8")
    assert tables()["n"] == 2
    (data / "units.yaml").write_text((data / "units.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert tables()["n"] == 3 and tables()["n"] == 3
    for f in cache.glob("tables.*"):
        f.write_bytes(b"\x00damaged")
    assert tables()["n"] == 4  # a damaged file is built again, and written again
    assert tables()["n"] == 4


def test_built_tables_the_cache_cannot_hold_are_built_each_time(tmp_path, monkeypatch):
    data, cache = _copy_data(tmp_path, monkeypatch)
    calls = []

    def build():
        calls.append(1)
        return {"a function": len}

    assert lexicon_module.built_tables("odd", ("units.yaml",), (), build) == {"a function": len}
    assert lexicon_module.built_tables("odd", ("units.yaml",), (), build) == {"a function": len}
    assert len(calls) == 2 and not list(cache.glob("odd.*"))
    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    assert lexicon_module.built_tables("odd", ("units.yaml",), (), build) == {"a function": len}
