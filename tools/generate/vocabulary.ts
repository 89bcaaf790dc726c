/**
 * Words the generator builds names from: common surnames (weighted by rank), given-name characters, place-name
 * syllables, technical subjects and methods, industries and chain stages. All names built from them are fictional.
 */

const split = (text: string): string[] => text.trim().split(/\s+/);

/** The most common Chinese surnames, most frequent first (drawn with a Zipf law over this order). */
export const SURNAMES = split(`王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 司马 诸葛`);

export const GIVEN_NAME_CHARACTERS = split(`伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 萍 红 鹏 飞 辉 建 国 文 斌 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 欣 佳 雪 梅 琳 晶 婷 倩 颖 琦 瑶 怡 嘉 子 轩 博 睿 航 晨 阳 楠 潇 思 远 泽 钰 昊 然 一 鑫 磊 晓 海 峰 波 川 渝 黔 蓉 巍 岚 松 柏 桐 茜 薇 蕾 丹 露 霖 毅 诚 志 锋 立 新 春 秋 冬 成 德 福 安 荣 兴 光`);

/** Syllables of fictional place names (a municipality or county takes two). */
export const PLACE_SYLLABLES = split(`安 岚 青 岗 云 溪 石 泉 白 沙 龙 潭 金 川 梁 平 嘉 陵 合 江 永 宁 清 河 长 寿 黔 南 巫 山 秀 水 凤 鸣 桐 梓 武 隆 丰 都 涪 陵 万 州 忠 源 开 阳 城 口 彭 水 西 岭 东 坪 北 碚 南 岸 璧 山 荣 昌 大 足 铜 梁 潼 南 綦 江 巴 渝 黄 桷 红 岩 天 星 明 月 柳 林 竹 溪 松 桃 兰 亭 玉 屏`);

/** The 24 broad fields at the top of the topic hierarchy. */
export const TOPIC_FIELDS = split(`信息技术 人工智能 新材料 新能源 生物医药 中医药 现代农业 畜牧兽医 林业生态 食品加工 装备制造 汽车 电子信息 化学工程 环境保护 节能减排 矿产资源 建筑材料 交通物流 数字经济 文化旅游 海洋技术 航空航天 健康养老`);

/** Subjects of fine-grained topics (a topic is a subject plus a method). */
export const TOPIC_SUBJECTS = split(`富硒茶 山地鸡 生猪 肉牛 山羊 蜜蜂 柑橘 脆李 猕猴桃 榨菜 花椒 辣椒 中药材 黄连 天麻 党参 杜仲 厚朴 金银花 魔芋 竹笋 食用菌 香菇 木耳 马铃薯 红薯 水稻 玉米 油菜 大豆 烟叶 蚕桑 生漆 油桐 核桃 板栗 页岩陶粒 碳酸钙 石墨烯 锂电池 钠离子电池 氢燃料电池 光伏组件 风电叶片 储能系统 充电桩 电机 减速器 工业机器人 数控机床 传感器 芯片封装 功率半导体 液晶面板 光纤 5G基站 北斗终端 无人机 智能网联汽车 摩托车 轨道交通 汽车零部件 铝合金 钛合金 高分子材料 复合材料 陶瓷 玻璃纤维 碳纤维 涂料 农药 化肥 饲料 疫苗 抗体药物 医疗器械 体外诊断 康复器具 冷链 白酒 腊肉 火锅底料 豆瓣酱 茶饮 咖啡 乳制品 植物提取物 污水 固废 土壤 大气 森林碳汇 湿地 水库 滑坡 地下水 页岩气 天然气 煤层气 稀土 锰矿`);

export const TOPIC_METHODS = split(`育种 栽培 病虫害防治 精深加工 保鲜 冷链物流 品质检测 标准化生产 智能控制 数字化管理 机器视觉 故障诊断 寿命预测 回收利用 绿色制造 节能改造 安全监测 溯源 提取纯化 制剂开发 发酵工艺 质量控制 性能优化 结构设计 仿真分析 材料改性 表面处理 精密加工 自动化装配 在线监测 遥感监测 生态修复 资源化利用 低碳技术 营养调控 疫病防控 遗传改良 品种选育 种质资源保护 电商营销 品牌建设 供应链管理 大数据分析 物联网应用 边缘计算 模型训练 知识图谱 安全防护 能效评估 碳核算 检验检测 中试放大 工艺优化 清洁生产 高效施肥 节水灌溉 机械化采收 智能装备 轻量化 热管理 电池管理 功率控制 标准制定`);

export const INDUSTRY_NAMES = split(`生猪养殖 山地鸡 肉牛 中药材 富硒茶 柑橘 榨菜 花椒 食用菌 魔芋 生漆 老腊肉 火锅食品 白酒 特色水果 林下经济 乡村旅游 光伏 风电 储能 页岩陶粒 碳酸钙 黑色岩系 新型建材 锂电材料 氢能 智能网联汽车 汽车零部件 摩托车 轨道交通装备 工业机器人 数控装备 电子元器件 集成电路 显示面板 智能终端 软件和信息服务 大数据 人工智能 物联网 生物医药 医疗器械 现代中药 化工新材料 高分子材料 轻合金 页岩气 天然气化工 节能环保 再生资源 现代物流 冷链物流 农村电商 健康养老 文化创意 检验检测 科技服务 航空航天 北斗应用 无人机 仪器仪表`);

export const INDUSTRY_MODIFIERS = split(`特色 绿色 高端 智能 数字 现代 生态 精品`);

export const STAGES = {
  UPSTREAM: split(`种质资源 原料种植 原料采购 基础材料 核心部件 研发设计 装备供应 矿产开采`),
  MIDSTREAM: split(`加工制造 精深加工 系统集成 中试熟化 检验检测 包装仓储 工艺装备 质量认证`),
  DOWNSTREAM: split(`品牌营销 冷链配送 电商销售 终端应用 售后服务 回收利用 出口贸易 文旅融合`),
} as const;

export const ENTERPRISE_BUSINESS = split(`科技 农业 生物 食品 新材料 新能源 智能装备 电子 制药 化工 建材 物流 信息技术 环保 实业 机械 汽车部件 茶业 中药材 养殖`);
export const ENTERPRISE_SUFFIXES = split(`有限公司 股份有限公司 有限责任公司 集团有限公司`);
export const BRAND_SYLLABLES = split(`恒 盛 鑫 瑞 华 泰 宏 源 达 丰 隆 昌 兴 创 卓 越 汇 通 诚 信 康 宁 博 睿 德 嘉 锦 晟 聚 优`);

export const EXPERT_TITLES = split(`教授 副教授 研究员 副研究员 高级工程师 正高级工程师 工程师 高级农艺师 农艺师 高级畜牧师 主任医师 技术总监 首席专家 讲师 助理研究员`);

export const UNIVERSITY_KINDS = split(`大学 理工大学 农业大学 医科大学 师范大学 职业技术学院 科技大学 工程学院`);
export const INSTITUTE_KINDS = split(`农业科学院 畜牧科学院 林业科学研究院 中药研究院 工业技术研究院 材料研究所 环境科学研究院 智能制造研究院 生物技术研究所 地质矿产研究院`);
export const AGENCY_KINDS = split(`科学技术局 农业农村委员会 经济和信息化委员会 发展和改革委员会 人力资源和社会保障局 生态环境局`);
export const PLATFORM_NAME_KINDS = {
  STAR_CREATION_SPACE: '星创天地',
  EXPERT_COURTYARD: '专家大院',
  SME_SERVICE_CENTER: '中小企业服务中心',
  MAKER_SPACE: '众创空间',
  INCUBATOR: '科技企业孵化器',
  ACCELERATOR: '科技企业加速器',
  INNOVATION_CENTER: '技术创新中心',
  TESTING_CENTER: '检验检测中心',
  TALENT_SERVICE: '人才服务平台',
  JOINT_LAB: '联合实验室',
} as const;

export const PROJECT_VERBS = split(`关键技术研究 集成示范 产业化应用 技术攻关 标准体系构建 平台建设 推广应用 中试验证`);
export const DEMAND_VERBS = split(`技术攻关 工艺改进 设备升级 品质提升 成本降低 检测方法 新品开发 数字化改造`);
export const PATENT_PREFIXES = split(`一种 一种基于 一种用于 一种改进的`);
export const PATENT_OBJECTS = split(`方法 装置 系统 设备 工艺 组合物 制备方法 检测方法`);
export const POLICY_NAMES = split(`科技创新券实施办法 高新技术企业培育行动计划 人才引进扶持政策 产学研合作专项资金管理办法 专精特新企业培育方案 科技成果转化奖励办法 乡村振兴科技特派员管理办法 数字化转型扶持政策`);
/** Indicators: [name, unit, code]. The code (not the name) chooses the formula that derives a current value, if any. */
export const INDICATOR_NAMES = [
  ['高新技术企业数', '家', 'HIGH_TECH_ENTERPRISES'],
  ['科技型企业数', '家', 'TECH_SMES'],
  ['研发经费投入强度', '%', 'RD_INTENSITY'],
  ['技术合同成交额', '亿元', 'TECH_CONTRACT_VALUE'],
  ['发明专利拥有量', '件', 'INVENTION_PATENTS'],
  ['引进高层次人才数', '人', 'TALENTS_INTRODUCED'],
] as const;
