"""Reference data (legal bases for non-disclosure, the interpretation quota) and the search index tables."""
from decimal import Decimal

from django.db import migrations

# 《中华人民共和国政府信息公开条例》（国务院令第711号）. Maintained in the admin; texts as enacted.
LEGAL_BASES = [
    ("art14", "《条例》第十四条（国家秘密、法律法规禁止公开、危及“三安全一稳定”）",
     "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、"
     "经济安全、社会稳定的政府信息，不予公开。"),
    ("art15", "《条例》第十五条（商业秘密、个人隐私）",
     "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开"
     "或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。"),
    ("art16-internal", "《条例》第十六条第一款（内部事务信息）",
     "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。"),
    ("art16-process", "《条例》第十六条第二款（过程性信息、行政执法案卷信息）",
     "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷"
     "信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。"),
]
QUOTAS = [
    (2020, Decimal("0.700"), "泽州县应急管理局指导方案 四(二)4：2020年非纯文字形式解读量不得少于70%"),
    (2021, Decimal("0.900"), "泽州县应急管理局指导方案 四(二)4：自2021年起不得少于90%"),
]


def load(apps, schema_editor):
    LegalBasis = apps.get_model("records", "LegalBasis")
    Quota = apps.get_model("records", "InterpretationQuota")
    for position, (code, title, text) in enumerate(LEGAL_BASES):
        LegalBasis.objects.update_or_create(code=code, defaults={"title": title, "text": text, "position": position})
    for year, share, source in QUOTAS:
        Quota.objects.update_or_create(from_year=year, defaults={"minimum_share": share, "source": source})


def install_search(apps, schema_editor):
    from gongkai.records.search.backends import backend_for

    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    with schema_editor.connection.cursor() as cursor:
        backend_for(vendor).install(cursor)


def drop_search(apps, schema_editor):
    from gongkai.records.search.backends import backend_for

    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    with schema_editor.connection.cursor() as cursor:
        backend_for(vendor).drop(cursor)


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(install_search, drop_search),
    ]
