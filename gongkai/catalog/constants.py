"""Vocabulary of the official catalog table (seed 000, 附件2)."""

# The 12 channel boxes exactly as the official table writes them, in table order.
# (The SPEC counts 12 options; the table prints 13 boxes because 入户/现场 and the
# 公示栏 are separate boxes — we keep the table's 13 labels so nothing is lost.)
CHANNELS: tuple[str, ...] = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位、村公示栏（电子屏）",
    "精准推送",
    "其他",
)

AUDIENCES: tuple[str, ...] = ("全社会", "特定群体")
MODES: tuple[str, ...] = ("主动", "依申请")
LEVELS: tuple[str, ...] = ("县级", "乡级")

# The element vocabularies by item field (a chosen value must be one of these labels).
VOCABULARIES: dict[str, tuple[str, ...]] = {"channels": CHANNELS, "audience": AUDIENCES, "mode": MODES, "level": LEVELS}

# The six √ columns, in table order.
MARK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("audience", "全社会"),
    ("audience", "特定群体"),
    ("mode", "主动"),
    ("mode", "依申请"),
    ("level", "县级"),
    ("level", "乡级"),
)

DOMAIN_SAFETY = "safety"
DOMAIN_RELIEF = "relief"
DOMAIN_TITLES = {
    DOMAIN_SAFETY: "安全生产领域基层政务公开标准目录",
    DOMAIN_RELIEF: "救灾领域基层政务公开标准目录",
}
