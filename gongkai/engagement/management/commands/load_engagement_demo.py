"""Load demo public-participation data for 泽州县 through the real services (idempotent).

Needs the demo tree and logins (load_demo). Creates: this year's major-decision catalog, published;
an open consultation on a major decision (30 days) with comments; a closed consultation whose adoption
report is published; messages in every state (received and late, assigned to a unit, answered, answered
and published with the sender's consent); an ordinary opinion event; a hearing open to the public,
announced two weeks ahead. Everything is marked as demo (DEMO_MARK in titles and subjects, demo names),
besides the site-wide demo banner, so nobody mistakes it for a real office's work.
"""
import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.core import clock
from gongkai.engagement import services
from gongkai.engagement.models import CommentGroup, Consultation
from gongkai.engagement.states import Adoption, CommenterKind, ConsultationKind, MessageKind, Severity
from gongkai.organisations.models import Organisation, Unit, User

ORG = "sx-jc-zz"
DEMO_MARK = "（演示）"
OPEN_TITLE = "《泽州县安全生产举报奖励实施办法（征求意见稿）》" + DEMO_MARK
CLOSED_TITLE = "《泽州县自然灾害救助应急预案（修订征求意见稿）》" + DEMO_MARK


class Command(BaseCommand):
    help = "Load demo consultations, messages, an opinion event and a meeting for 泽州县 (idempotent)."

    def handle(self, *args, **options):
        org = Organisation.objects.filter(code=ORG).first()
        office = User.objects.filter(username="zz_office").first()
        leader = User.objects.filter(username="zz_leader").first()
        if org is None or office is None or leader is None:
            self.stderr.write("run load_demo first")
            return
        if Consultation.objects.filter(organisation=org, title=OPEN_TITLE).exists():
            self.stdout.write("engagement demo already loaded")
            return
        with transaction.atomic():
            self._load(org, office, leader)
        self.stdout.write("engagement demo loaded")

    def _load(self, org, office, leader):
        self._consultations(org, office, leader)
        self._messages(org, office)
        now = clock.now().replace(second=0, microsecond=0)
        services.opinion_log(organisation=org, actor=office, source="本地论坛（演示）",
                             summary="演示舆情：网传某乡镇烟花爆竹仓库存在违规储存",
                             first_seen_at=now - dt.timedelta(hours=6), severity=Severity.ORDINARY)
        meeting = services.meeting_create(organisation=org, actor=office, data={
            "title": "安全生产举报奖励实施办法听证会" + DEMO_MARK, "kind": "hearing",
            "starts_at": now + dt.timedelta(days=14), "place": "泽州县应急管理局三楼会议室（演示）",
            "invitation": "演示数据：邀请企业代表、群众代表各5名列席，请于会前3日电话报名。",
            "decision_entry": self.entry})
        services.meeting_announce(meeting=meeting, actor=office)

    def _consultations(self, org, office, leader):
        now = clock.now().replace(second=0, microsecond=0)
        year = clock.today().year
        cat = services.decision_catalog_create(organisation=org, year=year, actor=office)
        entry = services.decision_entry_save(catalog=cat, actor=office, data={
            "title": "修订安全生产举报奖励实施办法" + DEMO_MARK, "unit": "安全生产综合股",
            "decision_time": f"{year}年第四季度", "hearing": True})
        services.decision_entry_save(catalog=cat, actor=office, data={
            "title": "修订自然灾害救助应急预案" + DEMO_MARK, "unit": "救灾和物资保障股",
            "decision_time": f"{year}年第三季度", "hearing": False})
        services.decision_catalog_submit(catalog=cat, actor=office)
        services.decision_catalog_approve(catalog=cat, actor=leader, opinion="经审核，同意公布。（演示数据）")

        # A consultation whose period has ended: built with the clock pinned to its period.
        real = clock._frozen
        try:
            clock.pin(now - dt.timedelta(days=40))
            closed = services.consultation_create(organisation=org, actor=office, data={
                "title": CLOSED_TITLE, "draft_text": "第一条 为规范自然灾害救助工作……", "basis": "《自然灾害救助条例》",
                "explanation": "根据机构改革后的职责调整修订。",
                "opens_at": now - dt.timedelta(days=40), "closes_at": now - dt.timedelta(days=10)})
            services.consultation_publish(consultation=closed, actor=office)
            for i, body in enumerate(["建议明确村级灾害信息员的补贴标准。", "建议补贴标准写入预案。",
                                      "建议增加应急避难场所的开放时间要求。"]):
                services.comment_submit(consultation=closed, kind=CommenterKind.CITIZEN, name=f"演示公众{i + 1}",
                                        body=body)
        finally:
            clock.pin(real)
        comments = list(closed.comments.all())
        g1 = services.comments_group(consultation=closed, actor=office, comment_ids=[c.pk for c in comments[:2]],
                                     new_title="灾害信息员补贴标准", tags="补贴")
        g2 = services.comments_group(consultation=closed, actor=office, comment_ids=[comments[2].pk],
                                     new_title="避难场所开放时间", tags="避难场所")
        services.group_decide(group=g1, actor=office, adoption=Adoption.PARTLY,
                              reason="补贴标准由县财政另行发文明确，预案中写明“按规定给予补贴”。")
        services.group_decide(group=CommentGroup.objects.get(pk=g2.pk), actor=office, adoption=Adoption.ADOPTED)
        services.consultation_publish_report(consultation=closed, actor=office,
                                             summary="共收到意见3条，采纳1条，部分采纳2条。")

        self.entry = entry
        open_c = services.consultation_create(organisation=org, actor=office, data={
            "title": OPEN_TITLE, "kind": ConsultationKind.MAJOR_DECISION,
            "draft_text": "第一条 为鼓励社会公众举报安全生产重大事故隐患和违法行为……",
            "basis": "《中华人民共和国安全生产法》第七十八条", "explanation": "落实举报奖励制度，细化奖励标准。",
            "opens_at": now - dt.timedelta(days=1), "closes_at": now + dt.timedelta(days=30), "decision_entry": entry})
        services.consultation_publish(consultation=open_c, actor=office)
        services.comment_submit(consultation=open_c, kind=CommenterKind.ORGANISATION, name="某煤业有限公司（演示）",
                                body="建议明确企业内部员工举报的奖励标准。")

    def _messages(self, org, office):
        """One message in every state; the waiting one arrived long enough ago to be late."""
        now = clock.now()
        real = clock._frozen
        try:
            clock.pin(now - dt.timedelta(days=30))
            late, _secret = services.message_submit(
                organisation=org, kind=MessageKind.SUGGESTION, to_leader=True, name="演示留言人乙",
                phone="13900000000", subject="【演示】建议在乡镇增设应急避难场所指示牌",
                body="部分村庄的应急避难场所没有指示牌。（演示数据）")
            clock.pin(now - dt.timedelta(days=3))
            assigned, _secret = services.message_submit(
                organisation=org, kind=MessageKind.COMPLAINT, name="演示留言人丙", phone="13700000000",
                subject="【演示】反映某加油站夜间违规卸油", body="夜间多次看到油罐车在加油站违规卸油。（演示数据）")
            unit = Unit.objects.filter(organisation=org).order_by("name").first()
            if unit is not None:
                services.message_assign(message=assigned, actor=office, unit=unit)
            answered, _secret = services.message_submit(
                organisation=org, kind=MessageKind.REPORT, name="演示留言人丁", phone="13600000000",
                subject="【演示】村道旁堆放的烟花爆竹是否合规", body="村道旁有人堆放烟花爆竹。（演示数据）")
            services.message_answer(message=answered, actor=office,
                                    answer="经现场核查，已责令当事人清理，并纳入日常巡查。（演示数据）")
            published, _secret = services.message_submit(
                organisation=org, kind=MessageKind.CONSULTATION, name="演示留言人甲", phone="13800000000",
                subject="【演示】危险化学品经营许可证办理需要哪些材料？",
                body="想咨询危险化学品经营许可证的办理材料和时限。（演示数据）", consent_publish=True)
            services.message_answer(message=published, actor=office,
                                    answer="办理材料和时限见本局办事指南“危险化学品经营许可”，也可拨打办公室电话咨询。"
                                           "（演示数据）")
            services.message_publish(message=published, actor=office)
        finally:
            clock.pin(real)
