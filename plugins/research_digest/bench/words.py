"""Word lists the corpus generator draws its pseudo-text from. Owned by the generator (not read
from the taxonomy), so a taxonomy change never changes the bytes a seed produces."""

from __future__ import annotations

# (section heading of the daily digests, English task words, Chinese task words)
TOPICS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("多模态", ("vision-language model", "visual question answering", "image captioning", "cross-modal retrieval", "multimodal reasoning", "referring expression comprehension", "video question answering", "visual grounding", "text-video retrieval"),
     ("视觉语言模型", "视觉问答", "图像描述", "跨模态检索", "多模态推理", "指代表达理解", "视频问答", "视觉定位", "文本视频检索")),
    ("分类/检测/识别/分割/...", ("object detection", "semantic segmentation", "instance segmentation", "anomaly detection", "person re-identification", "panoptic segmentation", "open-set recognition", "pose estimation", "crowd counting"),
     ("目标检测", "语义分割", "实例分割", "异常检测", "行人重识别", "全景分割", "开集识别", "姿态估计", "人群计数")),
    ("生成模型", ("text-to-image generation", "video generation", "diffusion model", "image editing", "style transfer", "3D shape generation", "image inpainting", "talking head synthesis", "layout generation"),
     ("文本到图像生成", "视频生成", "扩散模型", "图像编辑", "风格迁移", "三维形状生成", "图像修复", "说话人头像合成", "布局生成")),
    ("图像理解", ("scene understanding", "visual reasoning", "image retrieval", "saliency detection", "scene graph generation", "visual place recognition", "affordance detection", "image aesthetics assessment", "visual grounding"),
     ("场景理解", "视觉推理", "图像检索", "显著性检测", "场景图生成", "视觉地点识别", "可供性检测", "图像美学评估", "视觉定位")),
    ("Transformer", ("vision transformer", "attention mechanism", "token pruning", "state space model", "efficient attention", "linear attention", "mixture of experts", "positional encoding", "token merging"),
     ("视觉Transformer", "注意力机制", "令牌剪枝", "状态空间模型", "高效注意力", "线性注意力", "混合专家", "位置编码", "令牌合并")),
    ("3D/CG", ("neural radiance field", "3D Gaussian splatting", "point cloud registration", "novel view synthesis", "mesh reconstruction", "monocular depth estimation", "3D object detection", "human avatar reconstruction", "scene flow estimation"),
     ("神经辐射场", "三维高斯溅射", "点云配准", "新视角合成", "网格重建", "单目深度估计", "三维目标检测", "人体化身重建", "场景流估计")),
    ("各类学习方式", ("self-supervised learning", "few-shot learning", "continual learning", "domain adaptation", "federated learning", "semi-supervised learning", "test-time adaptation", "active learning", "knowledge distillation"),
     ("自监督学习", "小样本学习", "持续学习", "领域自适应", "联邦学习", "半监督学习", "测试时自适应", "主动学习", "知识蒸馏")),
    ("医学图像", ("medical image segmentation", "CT reconstruction", "MRI analysis", "histopathology classification", "lesion detection", "retinal vessel segmentation", "polyp detection", "dental image analysis", "whole slide image classification"),
     ("医学图像分割", "CT重建", "磁共振成像分析", "病理图像分类", "病灶检测", "视网膜血管分割", "息肉检测", "牙科图像分析", "全切片图像分类")),
    ("大语言模型", ("large language model", "instruction tuning", "in-context learning", "chain-of-thought reasoning", "retrieval-augmented generation", "hallucination mitigation", "preference optimization", "tool use", "long-context modeling"),
     ("大语言模型", "指令微调", "上下文学习", "思维链推理", "检索增强生成", "幻觉缓解", "偏好优化", "工具调用", "长上下文建模")),
    ("具身智能", ("robot manipulation", "embodied navigation", "vision-language-action model", "motion planning", "imitation learning", "grasp detection", "visual odometry", "autonomous driving", "multi-agent collaboration"),
     ("机器人操作", "具身导航", "视觉-语言-动作模型", "运动规划", "模仿学习", "抓取检测", "视觉里程计", "自动驾驶", "多智能体协作")),
    ("底层视觉", ("image super-resolution", "image denoising", "low-light enhancement", "image deblurring", "image dehazing", "image deraining", "HDR imaging", "video frame interpolation", "image compression"),
     ("图像超分辨率", "图像去噪", "低光照增强", "图像去模糊", "图像去雾", "图像去雨", "高动态范围成像", "视频插帧", "图像压缩")),
    ("其他", ("adversarial robustness", "model compression", "explainability", "privacy-preserving learning", "remote sensing", "backdoor defense", "machine unlearning", "dataset distillation", "out-of-distribution detection"),
     ("对抗鲁棒性", "模型压缩", "可解释性", "隐私保护学习", "遥感", "后门防御", "机器遗忘", "数据集蒸馏", "分布外检测")),
)

EN_ADJECTIVES = (
    "efficient", "robust", "scalable", "unified", "generalizable", "lightweight", "hierarchical", "adaptive",
    "progressive", "contrastive", "probabilistic", "training-free", "zero-shot", "open-vocabulary", "sparse",
    "dense", "multi-scale", "temporal", "spatial", "semantic", "geometric", "causal", "interpretable", "dynamic",
    "latent", "implicit", "explicit", "self-supervised", "weakly-supervised", "fine-grained", "compositional",
    "unsupervised", "cross-modal", "multi-view", "physics-aware", "uncertainty-aware", "memory-efficient",
    "diffusion-based", "transformer-based", "graph-based", "frequency-aware", "prompt-driven",
    "language-guided", "query-based", "region-aware", "context-aware", "topology-aware", "distribution-aware",
    "label-efficient", "data-efficient", "parameter-efficient", "real-time", "end-to-end", "differentiable",
    "equivariant", "invariant", "continuous", "discrete", "modular", "recurrent", "autoregressive", "masked",
    "generative", "discriminative", "bidirectional", "decoupled", "asymmetric", "symmetric", "federated",
    "privacy-preserving", "long-tailed", "open-world", "test-time", "few-shot", "one-stage", "two-stage",
    "coarse-to-fine", "global", "local", "holistic",
)
EN_NOUNS = (
    "framework", "representation", "encoder", "decoder", "benchmark", "dataset", "prior", "objective", "module",
    "pipeline", "adapter", "backbone", "embedding", "prompt", "token", "feature", "alignment", "distillation",
    "regularization", "architecture", "baseline", "policy", "estimator", "graph", "memory", "codebook",
    "calibration", "supervision", "consistency", "uncertainty", "correspondence", "pretraining", "fusion",
    "transformer", "diffusion", "distribution", "manifold", "attention", "kernel", "filter", "sampler",
    "tokenizer", "quantization", "compression", "reconstruction", "denoiser", "generator", "discriminator",
    "critic", "reward", "planner", "simulator", "renderer", "field", "volume", "mesh", "surface", "skeleton",
    "trajectory", "flow", "gradient", "loss", "metric", "curriculum", "ensemble", "mixture", "router", "gate",
    "bottleneck", "hierarchy", "pyramid", "lattice", "hypernetwork", "retriever", "reasoner", "verifier",
    "agent", "world-model", "scheduler", "sketch", "layout", "mask", "query", "anchor",
)
EN_VERBS = (
    "improves", "outperforms", "reduces", "captures", "leverages", "exploits", "preserves", "enhances",
    "aligns", "bridges", "accelerates", "stabilizes", "generalizes to", "scales to", "models", "disentangles",
)
EN_OBJECTS = (
    "long-range dependencies", "fine-grained details", "global context", "local structure", "domain shift",
    "label noise", "occlusion", "distribution shift", "computational cost", "annotation cost", "temporal coherence",
    "spurious correlations", "rare categories", "high-resolution inputs", "cross-view consistency",
    "motion blur", "sensor noise", "class imbalance", "catastrophic forgetting", "adversarial perturbations",
    "missing modalities", "viewpoint changes", "illumination changes", "small objects", "boundary ambiguity",
    "hallucinated content", "temporal drift", "limited memory budgets", "heterogeneous clients",
    "noisy correspondences",
)
EN_TITLE_PATTERNS = (
    "{name}: {Adj} {Noun} for {Task}",
    "{name}: Towards {Adj} {Task} with {Adj2} {Noun}s",
    "{name}: {Adj} {Task} via {Adj2} {Noun} Learning",
    "{name}: Rethinking {Task} from a {Adj} {Noun} Perspective",
    "Learning {Adj} {Noun}s for {Task} with {name}",
    "{name}: A {Adj} {Noun} Benchmark for {Task}",
    "When {Task} Meets {Adj2} {Noun}: {name}",
    "{name}: {Adj} {Task} for {Domain}",
    "{name}: Bridging {Task} and {Task2} with {Adj} {Noun}s",
    "{name}: Taming {Adj} {Noun}s for {Domain}",
    "{Adj} {Noun}s for {Task} in {Domain}",
    "Exploring {Adj} {Noun}s for {Domain}: A {Adj2} {Task} Study",
    "{Task} with {Adj} {Noun}s and {Adj2} {Noun2}s",
    "On the {Noun} of {Adj} {Task}",
    "Revisiting {Adj} {Noun}s for {Task} in {Domain}",
    "Beyond {Adj} {Noun}s: {Adj2} {Task} for {Domain}",
    "Can {Adj} {Noun}s Improve {Task}?",
    "Scaling {Adj} {Task} with {Adj2} {Noun2}s",
    "Unleashing {Adj} {Noun}s for {Task} under {Obj}",
    "{Adj} {Task} under {Obj} via {Adj2} {Noun2}s",
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
# Compound adjectives and nouns made of EN_NOUNS / ZH_NOUNS ("token-aware", "meta-adapter").
EN_COMPOUND_ADJECTIVES = ("{}-aware", "{}-guided", "{}-free", "{}-conditioned", "{}-centric", "{}-consistent", "{}-driven",
                          "{}-agnostic", "{}-level", "{}-based")
EN_COMPOUND_NOUNS = ("meta-{}", "hyper-{}", "cross-{}", "multi-{}", "sub-{}", "co-{}", "self-{}", "neuro-{}", "bi-{}",
                     "semi-{}", "inter-{}", "proto-{}")
ZH_COMPOUND_ADJECTIVES = ("{}感知的", "{}引导的", "无{}的", "{}条件化的", "以{}为中心的", "{}一致的", "{}驱动的", "{}无关的",
                          "{}级的", "基于{}的")
ZH_COMPOUND_NOUNS = ("元{}", "超{}", "跨{}", "多{}", "子{}", "协同{}", "自{}", "神经{}", "潜在{}", "稀疏{}", "图{}", "令牌{}")
# Sentences naming rare terms (``{rare}``: one of RARE_TERMS); an abstract has one or two.
EN_RARE_SENTENCES = (
    "We further evaluate {name} on {rare} and {rare2} data, where {obj} is pervasive.",
    "Beyond natural images, the {noun} transfers to {rare} imagery without retraining.",
    "A case study on {rare} shows that the {adj} {noun} {verb} {obj}.",
    "For {rare} scenes we additionally annotate {rare2} labels and analyse {obj}.",
    "The method applies equally to specialised domains such as {rare} and {rare2}.",
)
ZH_RARE_SENTENCES = (
    "我们还在{rare}和{rare2}数据上评估了{name}，这类数据中{obj}十分普遍。",
    "除自然图像外，该{noun}无需重新训练即可迁移到{rare}图像。",
    "在{rare}上的案例研究表明，{adj}{noun}能够缓解{obj}。",
    "针对{rare}场景，我们额外构建了{rare2}标注并分析了{obj}。",
    "该方法同样适用于{rare}与{rare2}等专业领域。",
)
# Application domains of titles: (English, Chinese).
DOMAINS = (
    ("Autonomous Driving", "自动驾驶"), ("Remote Sensing Imagery", "遥感影像"), ("Surgical Videos", "手术视频"),
    ("Medical Imaging", "医学影像"), ("Robotics", "机器人"), ("Aerial Scenes", "航拍场景"), ("Underwater Images", "水下图像"),
    ("Indoor Scenes", "室内场景"), ("Satellite Imagery", "卫星影像"), ("Agriculture", "农业"), ("Retail", "零售"),
    ("Sports Videos", "体育视频"), ("Document Images", "文档图像"), ("Egocentric Videos", "第一视角视频"),
    ("Adverse Weather", "恶劣天气"), ("Night-Time Scenes", "夜间场景"), ("Microscopy", "显微成像"), ("Histopathology", "病理学"),
    ("Industrial Inspection", "工业检测"), ("Wildlife Monitoring", "野生动物监测"), ("Mobile Devices", "移动设备"),
    ("Edge Devices", "边缘设备"), ("Virtual Reality", "虚拟现实"), ("E-Commerce", "电子商务"), ("Fashion", "时尚"),
    ("Traffic Surveillance", "交通监控"), ("Crowded Scenes", "拥挤场景"), ("Long Videos", "长视频"), ("Point Clouds", "点云"),
    ("Event Cameras", "事件相机"), ("Thermal Images", "热红外图像"), ("Radar Data", "雷达数据"), ("Art and Design", "艺术设计"),
    ("Education", "教育"), ("Healthcare", "医疗健康"), ("Smart Cities", "智慧城市"), ("Drones", "无人机"),
)
# Rare technical terms of abstracts: a stem and a head, aligned English / Chinese ("sonotomography",
# 超声断层), 4,680 of them drawn with Zipf weights, so most occur in a handful of abstracts.
RARE_STEMS = (
    ("photo", "光学"), ("thermo", "热力"), ("hydro", "水文"), ("geo", "地质"), ("bio", "生物"), ("neuro", "神经"),
    ("cardio", "心脏"), ("radio", "射电"), ("electro", "电磁"), ("magneto", "磁场"), ("seismo", "地震"), ("aero", "航空"),
    ("astro", "天文"), ("cryo", "低温"), ("chemo", "化学"), ("immuno", "免疫"), ("onco", "肿瘤"), ("dermo", "皮肤"),
    ("osteo", "骨骼"), ("pneumo", "肺部"), ("hemo", "血液"), ("retino", "视网"), ("oculo", "眼部"), ("agro", "农业"),
    ("litho", "岩石"), ("hygro", "湿度"), ("baro", "气压"), ("pyro", "火焰"), ("sono", "超声"), ("tribo", "摩擦"),
    ("piezo", "压电"), ("opto", "光电"), ("acousto", "声学"), ("cyto", "细胞"), ("histo", "组织"), ("myo", "肌肉"),
    ("nephro", "肾脏"), ("hepato", "肝脏"), ("gastro", "胃肠"), ("angio", "血管"), ("dendro", "树木"), ("glacio", "冰川"),
    ("limno", "湖泊"), ("oceano", "海洋"), ("pedo", "土壤"), ("spectro", "光谱"), ("stereo", "立体"), ("tacho", "转速"),
    ("volcano", "火山"), ("xylo", "木材"), ("zoo", "动物"), ("phyto", "植物"), ("myco", "真菌"), ("entomo", "昆虫"),
    ("ornitho", "鸟类"), ("ichthyo", "鱼类"), ("paleo", "古代"), ("archaeo", "考古"), ("urbano", "城市"), ("petro", "石油"),
    ("metallo", "金属"), ("cerami", "陶瓷"), ("textilo", "纺织"), ("vitro", "玻璃"), ("chromo", "染色"), ("lumino", "发光"),
    ("nano", "纳米"), ("micro", "微观"), ("macro", "宏观"), ("tele", "远程"), ("endo", "内镜"), ("exo", "外部"),
    ("cranio", "颅骨"), ("dento", "牙齿"), ("rhino", "鼻腔"), ("laryngo", "喉部"), ("thoraco", "胸腔"), ("arthro", "关节"),
)
RARE_HEADS = (
    ("graphy", "成像"), ("metry", "测量"), ("scopy", "观测"), ("gram", "图谱"), ("meter", "传感"), ("tomography", "断层"),
    ("dynamics", "动力"), ("kinetics", "动态"), ("sensing", "感知"), ("morphology", "形态"), ("mechanics", "力学"),
    ("physics", "物理"), ("tronics", "电子"), ("statics", "静态"), ("lysis", "解析"), ("plasty", "重塑"), ("genesis", "生成"),
    ("stasis", "稳态"), ("logy", "学科"), ("mapping", "制图"), ("tracking", "跟踪"), ("profiling", "剖面"), ("scanning", "扫描"),
    ("sampling", "采样"), ("typing", "分型"), ("staging", "分期"), ("grading", "分级"), ("screening", "筛查"), ("monitoring", "监护"),
    ("survey", "普查"), ("census", "统计"), ("atlas", "图集"), ("archive", "档案"), ("registry", "登记"), ("inventory", "清单"),
    ("cartography", "测绘"), ("telemetry", "遥测"), ("radiometry", "辐射"), ("calorimetry", "量热"), ("dosimetry", "剂量"),
    ("densitometry", "密度"), ("chronology", "年代"), ("taxonomy", "分类"), ("phenotyping", "表型"), ("genotyping", "基因"),
    ("fluorescence", "荧光"), ("holography", "全息"), ("interferometry", "干涉"), ("polarimetry", "偏振"), ("lidar", "激光"),
    ("sonar", "声呐"), ("radar", "雷达"), ("endoscopy", "镜检"), ("microscopy", "显微"), ("elastography", "弹性"),
    ("angiography", "造影"), ("perfusion", "灌注"), ("diffusion", "弥散"), ("spectroscopy", "波谱"), ("thermography", "热像"),
)

ZH_SUBJECTS = ("本文", "我们", "该工作", "本研究", "作者")
ZH_VERBS = ("提出了", "设计了", "引入了", "构建了", "开发了")
ZH_ADJECTIVES = (
    "高效的", "鲁棒的", "可扩展的", "统一的", "轻量级的", "分层的", "自适应的", "渐进式的", "对比式的", "无需训练的",
    "零样本的", "开放词汇的", "稀疏的", "多尺度的", "可解释的", "动态的", "隐式的", "细粒度的", "自监督的", "弱监督的",
    "无监督的", "跨模态的", "多视角的", "物理感知的", "不确定性感知的", "内存高效的", "基于扩散的", "基于图的", "频率感知的", "提示驱动的", "语言引导的", "区域感知的",
    "上下文感知的", "拓扑感知的", "参数高效的", "实时的", "端到端的", "可微的", "等变的", "连续的", "离散的", "模块化的", "自回归的", "掩码式的", "生成式的",
    "判别式的", "双向的", "解耦的", "非对称的", "长尾的", "开放世界的", "由粗到细的", "全局的", "整体的",
)
ZH_NOUNS = (
    "框架", "表示", "编码器", "解码器", "基准", "数据集", "先验", "模块", "适配器", "骨干网络", "嵌入", "提示", "特征",
    "对齐策略", "蒸馏方法", "正则化项", "架构", "策略", "估计器", "图结构", "记忆机制", "码本", "校准方法", "融合模块",
    "扩散模型", "分布", "流形", "注意力", "卷积核", "滤波器", "采样器", "分词器", "量化方法", "压缩方法", "重建网络", "去噪器", "生成器", "判别器", "奖励模型",
    "规划器", "模拟器", "渲染器", "隐式场", "体素", "网格", "曲面", "骨架", "轨迹", "光流", "梯度", "损失函数", "度量", "课程学习", "集成方法", "混合专家",
    "路由器", "门控", "瓶颈结构", "层次结构", "金字塔", "超网络", "检索器", "推理器", "验证器", "智能体", "世界模型", "调度器", "掩码", "查询", "锚点",
)
ZH_OBJECTS = (
    "长程依赖", "细粒度细节", "全局上下文", "局部结构", "领域偏移", "标签噪声", "遮挡问题", "分布偏移", "计算开销",
    "标注成本", "时间一致性", "伪相关", "稀有类别", "高分辨率输入", "跨视角一致性",
    "运动模糊", "传感器噪声", "类别不平衡", "灾难性遗忘", "对抗扰动", "模态缺失", "视角变化", "光照变化", "小目标", "边界模糊", "幻觉内容", "时间漂移", "有限的内存预算",
    "客户端异质性", "噪声对应关系",
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
    "{name}：面向{domain}的{adj}{task}",
    "{name}：融合{task}与{task2}的{adj}{noun}",
    "{adj}{noun}在{domain}{task}中的应用",
    "{adj}{noun}与{adj2}{noun2}结合的{task}",
    "{adj}{noun}再思考：{task}的新视角",
    "{adj}{noun}驱动的{domain}{task}研究",
    "{adj2}{noun2}视角下的{task}：一种{adj}方法",
    "基于{adj}{noun}的{obj}下{task}",
    "{adj2}{noun2}：{domain}{task}的新基准",
    "{adj}{noun}：统一{task}与{task2}的框架",
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
