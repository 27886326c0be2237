"""Schemas of the bulletin and export endpoints."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class BulletinIn(Schema):
    program_id: int
    period: str = Field(description="2019Q4、2019H2、2019 或 2019-12 / a period string")


class NarrativeIn(Schema):
    key: str = Field(description="段落的键，如 overall / the paragraph's key, e.g. overall")
    text: str = Field(
        description="新文字；留空恢复系统生成的文字 / empty restores the generated text"
    )


class HeaderIn(Schema):
    doc_number: str | None = None
    issuer: str | None = None
    issuer_mark: str | None = None
    addressees: str | None = None
    cc: str | None = None
    printer: str | None = None
    bulletin_date: date | None = None


class BulletinFilter(Schema):
    program: int | None = None
    period: str | None = None


class BulletinOut(Schema):
    id: int
    program_id: int
    period: str
    version: int
    status: str
    title: str
    doc_number: str
    issuer: str
    bulletin_date: date
    as_of: date
    issued_at: datetime | None
    is_simulated: bool
    has_docx: bool
    has_pdf: bool

    @staticmethod
    def resolve_has_docx(obj: Any) -> bool:
        return bool(obj["has_docx"] if isinstance(obj, dict) else obj.docx_file)

    @staticmethod
    def resolve_has_pdf(obj: Any) -> bool:
        return bool(obj["has_pdf"] if isinstance(obj, dict) else obj.pdf_file)


class ParagraphOut(Schema):
    key: str
    lead: str
    text: str
    generated: str
    is_overridden: bool


class BulletinDetailOut(BulletinOut):
    issuer_mark: str
    addressees: str
    cc: str
    printer: str
    narrative_overrides: dict[str, str]
    figures: dict[str, str] = Field(description="正文中的主要数字 / key numbers in the text")
    paragraphs: list[ParagraphOut] = Field(
        description="草稿：按当前数据生成的段落；已印发：空 / draft: the paragraphs as built now"
    )
