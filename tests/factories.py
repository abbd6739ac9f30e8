"""factory_boy factories with the traits the tests need (see conftest.py for the personas)."""

import datetime
import io
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from certification.criteria import live_criteria
from certification.models import (
    Application,
    Assessor,
    Assignment,
    Business,
    Certificate,
    CriteriaSnapshot,
    Document,
    Industry,
    Level,
    Objection,
    Officer,
    Region,
    Round,
    State,
)
from certification.validators import ALPHABET, uscc_check_character


def blank_pdf():
    """A real one-page PDF (uploads are read with pypdf)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = blank_pdf()


def valid_uscc(region_code, n):
    """A well-formed 统一社会信用代码 for the n-th business: enterprise (91), the region's division
    code, a nine-character organisation code made from n, and the right check character."""
    body = "".join(ALPHABET[(n // 10**i + i) % 10] for i in range(8)) + ALPHABET[10 + n % 21]
    first17 = "91" + region_code + body
    return first17 + uscc_check_character(first17)


def county(name="柞水县"):
    return Region.objects.get(name=name)


def city():
    return Region.objects.get(level=Region.Level.CITY)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234-word")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})
            obj.save()


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    application_opens = factory.LazyAttribute(lambda r: datetime.date(r.year, 1, 1))
    application_closes = factory.LazyAttribute(lambda r: datetime.date(r.year, 12, 31))
    quota_city = 10
    quota_county = 20

    class Params:
        closed = factory.Trait(
            year=2019, application_opens=datetime.date(2019, 1, 1), application_closes=datetime.date(2019, 6, 30)
        )


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    name = factory.Sequence(lambda n: f"柞水测试商贸有限公司{n}")
    address = factory.Sequence(lambda n: f"陕西省商洛市柞水县乾佑街{n}号")
    region = factory.LazyFunction(county)
    industry = factory.LazyFunction(lambda: Industry.objects.get(code="retail"))
    uscc = factory.LazyAttributeSequence(lambda b, n: valid_uscc(b.region.code, n))
    contact_person = "张经理"
    contact_phone = "0914-4321234"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(county)


class AssessorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessor

    user = factory.SubFactory(UserFactory)
    home_region = factory.LazyFunction(county)


def full_self_assessment(criteria, points="max"):
    return {
        i["code"]: {"points": i["max_points"] if points == "max" else points, "note": "已落实，见佐证材料。"}
        for i in criteria.indicators()
    }


def pinned_criteria():
    """The snapshot an application past submission carries."""
    return CriteriaSnapshot.objects.for_criteria(live_criteria())


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application; traits put it in later states with what those states imply."""

    class Meta:
        model = Application

    business = factory.SubFactory(BusinessFactory)
    round = factory.SubFactory(RoundFactory)
    level_requested = Level.COUNTY
    level = factory.LazyAttribute(lambda a: a.level_requested)
    state = State.DRAFT

    class Params:
        complete = factory.Trait(self_assessment=factory.LazyFunction(lambda: full_self_assessment(live_criteria())))
        scored = factory.Trait(final_score=Decimal("92.50"))
        in_notice = factory.Trait(
            state=State.IN_NOTICE, final_score=Decimal("92.50"), criteria=factory.LazyFunction(pinned_criteria),
            notice_starts_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10)),
            notice_ends_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3)),
        )
        named = factory.Trait(
            state=State.NAMED, final_score=Decimal("92.50"), criteria=factory.LazyFunction(pinned_criteria),
            named_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
        )

    @factory.post_generation
    def documents(obj, create, extracted, **kwargs):
        """documents=True attaches the two required documents."""
        if create and extracted:
            for kind in ("licence", "commitment"):
                DocumentFactory(application=obj, kind=kind)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    application = factory.SubFactory(ApplicationFactory)
    kind = Document.Kind.LICENCE
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="evidence.pdf"))
    original_name = "营业执照.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    application = factory.SubFactory(ApplicationFactory, state=State.UNDER_ASSESSMENT)
    assessor = factory.SubFactory(AssessorFactory)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    application = factory.SubFactory(ApplicationFactory, named=True)
    round = factory.LazyAttribute(lambda c: c.application.round)
    level = factory.LazyAttribute(lambda c: c.application.level)
    serial = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(
        lambda c: f"商洛放心〔{c.round.year}〕{'市' if c.level == 'city' else '县'}字第{c.serial:03d}号"
    )
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    valid_until = factory.LazyAttribute(lambda c: c.issued_on.replace(year=c.issued_on.year + 2))


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    application = factory.SubFactory(ApplicationFactory, in_notice=True)
    name = "李群众"
    contact = "13800000000"
    text = "该单位存在价格欺诈行为。"
