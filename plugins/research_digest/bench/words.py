"""Word lists the corpus generator draws its pseudo-text from. Owned by the generator (not read
from the taxonomy), so a taxonomy change never changes the bytes a seed produces."""

from __future__ import annotations

# (section heading of the daily digests, English task words, Chinese task words)
TOPICS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("多模态", ("vision-language model", "visual question answering", "image captioning", "cross-modal retrieval", "multimodal reasoning"),
     ("视觉语言模型", "视觉问答", "图像描述", "跨模态检索", "多模态推理")),
    ("分类/检测/识别/分割/...", ("object detection", "semantic segmentation", "instance segmentation", "anomaly detection", "person re-identification"),
     ("目标检测", "语义分割", "实例分割", "异常检测", "行人重识别")),
    ("生成模型", ("text-to-image generation", "video generation", "diffusion model", "image editing", "style transfer"),
     ("文本到图像生成", "视频生成", "扩散模型", "图像编辑", "风格迁移")),
    ("图像理解", ("scene understanding", "visual reasoning", "image retrieval", "saliency detection", "scene graph generation"),
     ("场景理解", "视觉推理", "图像检索", "显著性检测", "场景图生成")),
    ("Transformer", ("vision transformer", "attention mechanism", "token pruning", "state space model", "efficient attention"),
     ("视觉Transformer", "注意力机制", "令牌剪枝", "状态空间模型", "高效注意力")),
    ("3D/CG", ("neural radiance field", "3D Gaussian splatting", "point cloud registration", "novel view synthesis", "mesh reconstruction"),
     ("神经辐射场", "三维高斯溅射", "点云配准", "新视角合成", "网格重建")),
    ("各类学习方式", ("self-supervised learning", "few-shot learning", "continual learning", "domain adaptation", "federated learning"),
     ("自监督学习", "小样本学习", "持续学习", "领域自适应", "联邦学习")),
    ("医学图像", ("medical image segmentation", "CT reconstruction", "MRI analysis", "histopathology classification", "lesion detection"),
     ("医学图像分割", "CT重建", "磁共振成像分析", "病理图像分类", "病灶检测")),
    ("大语言模型", ("large language model", "instruction tuning", "in-context learning", "chain-of-thought reasoning", "retrieval-augmented generation"),
     ("大语言模型", "指令微调", "上下文学习", "思维链推理", "检索增强生成")),
    ("具身智能", ("robot manipulation", "embodied navigation", "vision-language-action model", "motion planning", "imitation learning"),
     ("机器人操作", "具身导航", "视觉-语言-动作模型", "运动规划", "模仿学习")),
    ("底层视觉", ("image super-resolution", "image denoising", "low-light enhancement", "image deblurring", "image dehazing"),
     ("图像超分辨率", "图像去噪", "低光照增强", "图像去模糊", "图像去雾")),
    ("其他", ("adversarial robustness", "model compression", "explainability", "privacy-preserving learning", "remote sensing"),
     ("对抗鲁棒性", "模型压缩", "可解释性", "隐私保护学习", "遥感")),
)

EN_ADJECTIVES = (
    "efficient", "robust", "scalable", "unified", "generalizable", "lightweight", "hierarchical", "adaptive",
    "progressive", "contrastive", "probabilistic", "training-free", "zero-shot", "open-vocabulary", "sparse",
    "dense", "multi-scale", "temporal", "spatial", "semantic", "geometric", "causal", "interpretable", "dynamic",
    "latent", "implicit", "explicit", "self-supervised", "weakly-supervised", "fine-grained", "compositional",
)
EN_NOUNS = (
    "framework", "representation", "encoder", "decoder", "benchmark", "dataset", "prior", "objective", "module",
    "pipeline", "adapter", "backbone", "embedding", "prompt", "token", "feature", "alignment", "distillation",
    "regularization", "architecture", "baseline", "policy", "estimator", "graph", "memory", "codebook",
    "calibration", "supervision", "consistency", "uncertainty", "correspondence", "pretraining", "fusion",
)
EN_VERBS = (
    "improves", "outperforms", "reduces", "captures", "leverages", "exploits", "preserves", "enhances",
    "aligns", "bridges", "accelerates", "stabilizes", "generalizes to", "scales to", "models", "disentangles",
)
EN_OBJECTS = (
    "long-range dependencies", "fine-grained details", "global context", "local structure", "domain shift",
    "label noise", "occlusion", "distribution shift", "computational cost", "annotation cost", "temporal coherence",
    "spurious correlations", "rare categories", "high-resolution inputs", "cross-view consistency",
)
EN_TITLE_PATTERNS = (
    "{name}: {Adj} {Noun} for {Task}",
    "{name}: Towards {Adj} {Task} with {Adj2} {Noun}s",
    "{name}: {Adj} {Task} via {Adj2} {Noun} Learning",
    "{name}: Rethinking {Task} from a {Adj} {Noun} Perspective",
    "Learning {Adj} {Noun}s for {Task} with {name}",
    "{name}: A {Adj} {Noun} Benchmark for {Task}",
    "When {Task} Meets {Adj2} {Noun}: {name}",
)
EN_SENTENCES = (
    "{Task} is a fundamental problem in computer vision, yet existing methods struggle with {obj}.",
    "Recent advances in {task2} have shown promising results, but they often ignore {obj}.",
    "In this paper, we propose {name}, a {adj} {noun} that {verb} {obj}.",
    "Our key insight is that a {adj2} {noun2} {verb} {obj} without additional supervision.",
    "Specifically, we introduce a {adj} {noun} module and a {adj2} {noun2} objective.",
    "We further design a {adj} {noun2} strategy that {verb} {obj} at negligible cost.",
    "Extensive experiments on {k} benchmarks demonstrate that {name} {verb} state-of-the-art methods by {p}% on average.",
    "Moreover, {name} reduces the number of parameters by {p}% while keeping inference speed at {fps} FPS.",
    "Ablation studies confirm the contribution of each component of the {noun}.",
    "Unlike prior work that relies on a {adj2} {noun2}, our approach {verb} {obj} in a single forward pass.",
    "We provide a theoretical analysis showing that the {adj} {noun} {verb} {obj} under mild assumptions.",
    "To this end, we formulate {task} as a {adj} {noun2} problem and solve it with a {adj2} {noun}.",
    "The resulting {noun} is simple to implement and compatible with existing {task2} pipelines.",
    "We also release a {adj} dataset of {size}k images to foster research on {task}.",
    "Code and models are publicly available.",
)

ZH_SUBJECTS = ("本文", "我们", "该工作", "本研究", "作者")
ZH_VERBS = ("提出了", "设计了", "引入了", "构建了", "开发了")
ZH_ADJECTIVES = (
    "高效的", "鲁棒的", "可扩展的", "统一的", "轻量级的", "分层的", "自适应的", "渐进式的", "对比式的", "无需训练的",
    "零样本的", "开放词汇的", "稀疏的", "多尺度的", "可解释的", "动态的", "隐式的", "细粒度的", "自监督的", "弱监督的",
)
ZH_NOUNS = (
    "框架", "表示", "编码器", "解码器", "基准", "数据集", "先验", "模块", "适配器", "骨干网络", "嵌入", "提示", "特征",
    "对齐策略", "蒸馏方法", "正则化项", "架构", "策略", "估计器", "图结构", "记忆机制", "码本", "校准方法", "融合模块",
)
ZH_OBJECTS = (
    "长程依赖", "细粒度细节", "全局上下文", "局部结构", "领域偏移", "标签噪声", "遮挡问题", "分布偏移", "计算开销",
    "标注成本", "时间一致性", "伪相关", "稀有类别", "高分辨率输入", "跨视角一致性",
)
ZH_SENTENCES = (
    "{task}是计算机视觉中的一个基本问题，然而现有方法难以处理{obj}。",
    "近年来{task2}取得了显著进展，但这些方法往往忽略了{obj}。",
    "为了解决这个问题，{subj}{verb}{name}，一种{adj}{noun}，能够有效应对{obj}。",
    "我们的核心观察是，{adj2}{noun2}可以在没有额外监督的情况下缓解{obj}。",
    "具体而言，我们引入了{adj}{noun}，并设计了{adj2}{noun2}。",
    "在{k}个基准数据集上的大量实验表明，{name}平均比最先进的方法高出{p}%。",
    "此外，{name}将参数量减少了{p}%，同时保持每秒{fps}帧的推理速度。",
    "与依赖{adj2}{noun2}的已有工作不同，我们的方法只需一次前向传播即可处理{obj}。",
    "我们从理论上证明了，在温和的假设下，{adj}{noun}能够有效缓解{obj}。",
    "为此，我们将{task}建模为一个{adj}{noun2}问题，并利用{adj2}{noun}进行求解。",
    "所得到的{noun}易于实现，并且可以与现有的{task2}流程兼容。",
    "消融实验验证了{noun}中每个组成部分的有效性。",
    "我们还发布了一个包含{size}千张图像的{adj}数据集，以促进{task}的研究。",
)
ZH_TITLE_PATTERNS = (
    "{name}：面向{task}的{adj}{noun}",
    "{name}：基于{adj}{noun}的{task}",
    "通过{adj}{noun}学习实现{task}的{name}",
    "{name}：从{adj}{noun}的视角重新思考{task}",
)
ZH_TLDR_PATTERNS = (
    "{subj}{verb}{name}，一种用于{task}的{adj}{noun}，有效缓解了{obj}问题，并在多个基准上取得了最先进的性能。",
    "通过{adj}{noun}和{adj2}{noun2}，{name}在{task}任务中显著提升了性能，同时降低了{obj}带来的影响。",
    "该论文提出{name}，利用{adj}{noun}解决{task}中的{obj}，实验表明其优于现有方法。",
)
EN_TLDR_PATTERNS = (
    "{name} is a {adj} {noun} for {task} that {verb} {obj}.",
    "A {adj} {noun} that {verb} {obj} in {task}.",
)

SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou") + ("qi", "xu")  # all two letters: names never collide
NAME_SUFFIXES = ("", "", "", "Net", "Former", "GPT", "-3D", "Diff", "SAM", "++", "-VL", "Seg", "Mamba", "CLIP")

FIRST_NAMES = (
    "Wei", "Jing", "Xiaoyu", "Yifan", "Hao", "Zhiwei", "Yuxuan", "Mingze", "Shenglong", "Junfei", "Yankai", "Heng",
    "Li", "Chen", "Xin", "Yue", "Zheng", "Tianyi", "Ruoxi", "Jiahui", "Kaiming", "Shuo", "Ziyang", "Qian",
    "Alan", "Martin", "Sarah", "Johannes", "Veronika", "Daniel", "Julia", "Monika", "Robbie", "Ivan", "Maria",
    "Pablo", "Rafael", "Arne", "Suprosanna", "Mayank", "Richa", "Ahmed", "Fatima", "Olga", "Lukas", "Sophie",
    "Hiroshi", "Yuki", "Min-Jun", "Ji-woo", "Chia-Ling", "Hui-Yun", "Shen-Feng", "Wei-Yang", "José", "Zoë",
)
LAST_NAMES = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
    "Guo", "He", "Lin", "Luo", "Gao", "Xiong", "Zha", "Jiang", "Yan", "Bai", "Tsai", "Sung", "Su",
    "Schmidt", "Menten", "Paetzold", "Zimmer", "Shit", "Ezhov", "Holland", "Probst", "Schnabel", "Rueckert",
    "Morales-Álvarez", "Molina", "Yuille", "Vatsa", "Singh", "Khurshid", "Müller", "García", "Kowalski",
    "Tanaka", "Suzuki", "Kim", "Park", "Nguyen", "Rossi", "Dubois", "Ivanova", "O'Brien", "van der Berg",
)

CATEGORIES = ("cs.CV", "cs.CV", "cs.CV", "cs.LG", "cs.AI", "cs.CL", "eess.IV", "cs.RO", "cs.MM", "q-bio.NC")
ANNOUNCE_TYPES = ("new", "new", "new", "cross", "cross", "replace", "replace-cross")
ZH_ANNOUNCE_TYPES = {"new": "新", "cross": "跨领域", "replace": "替换", "replace-cross": "替换-跨领域"}
CODE_HOSTS = ("github.com", "github.com", "github.com", "gitlab.com", "gitee.com")
VENUES = (("ICCV", 2023), ("CVPR", 2024), ("CVPR", 2023), ("WACV", 2024), ("ICCV", 2021), ("CVPR", 2022))

# Other labels real daily digests give the sections above (on some days), and labels no
# shipped topic names: glossary terms and one the glossary does not know either.
LABEL_VARIANTS: dict[str, tuple[str, ...]] = {
    "3D/CG": ("3D相关", "Nerf"),
    "各类学习方式": ("半监督/无监督学习",),
    "其他": ("模型压缩/优化", "OCR", "脑机协同计算"),
    "分类/检测/识别/分割/...": ("检测与分割",),
}

# TeX as arXiv titles and abstracts write it (all of it converts), one in every few dozen papers.
TEX_TITLES = (
    "{name}-$\\phi$: {rest}",
    "S$^{{2}}$-{name}: {rest}",
    "***{name}***: {rest}",
    "{name}: $\\mathcal{{O}}(n)$ {rest}",
    "{name}: \\textit{{{rest}}}",
)
TEX_SENTENCES = (
    "Our method runs in $\\mathcal{{O}}(n \\log n)$ time and is 3$\\times$ faster than {name}~\\cite{{ref{k}}}.",
    "We bound the error by $\\epsilon \\leq \\frac{{1}}{{{k}}}$ with $\\alpha_{{t}} \\in [0, 1]$, see \\textit{{Sec.~\\ref{{sec:m}}}}.",
    "Training costs about $5 and inference $10 per thousand images; {{\\bf code}} is released.",
    "The loss $$\\mathcal{{L}} = \\sum_{{i}} \\lVert x_i - \\hat{{x}}_i \\rVert^2$$ is minimised end to end.",
)
