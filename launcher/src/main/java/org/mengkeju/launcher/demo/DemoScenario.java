package org.mengkeju.launcher.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo holds: the region's real institutions, a few hundred achievements generated from templates of its
 * industry chains, two sub-centers' listings, enterprise demands, a challenge list and three deals. Everything is
 * fixed (no clock, no randomness), so every idempotency key and every request body is the same on each load.
 */
final class DemoScenario {

    private DemoScenario() {
    }

    /** A registered institution; {@code client} is the development API client acting for it, if any. */
    record Institution(String id, String name, String creditCode, String type, String regionCode, String client) {

        boolean publicResearchBody() {
            return type.startsWith("PUBLIC_");
        }
    }

    static final Institution IMUT = institution("imut", "内蒙古工业大学", "12150000460030036", "PUBLIC_UNIVERSITY",
            "150100", "dev-partner");
    static final Institution IMU = institution("imu", "内蒙古大学", "12150000460030010", "PUBLIC_UNIVERSITY",
            "150100", "dev-partner-imu");
    static final Institution IMAU = institution("imau", "内蒙古农业大学", "12150000460030028", "PUBLIC_UNIVERSITY",
            "150100", "dev-partner-imau");
    static final Institution RARE_EARTH_CENTER = institution("cas-baotou-rare-earth", "中国科学院包头稀土研发中心",
            "12150200MB1C81920", "PUBLIC_RESEARCH_INSTITUTE", "150200", "dev-partner-rare-earth");
    static final Institution IMUST = institution("imust", "内蒙古科技大学", "12150200460060013", "PUBLIC_UNIVERSITY",
            "150200", null);
    static final Institution ORDOS_TECH = institution("ordos-institute-of-technology", "鄂尔多斯应用技术学院",
            "12150600MB1D20319", "PUBLIC_UNIVERSITY", "150600", null);
    static final Institution YILI = institution("yili", "内蒙古伊利实业集团股份有限公司", "91150100MA0N1YL01",
            "ENTERPRISE", "150100", "dev-enterprise-yili");
    static final Institution BAOGANG = institution("baogang", "包头钢铁（集团）有限责任公司", "91150200114390825",
            "ENTERPRISE", "150200", "dev-enterprise-baogang");
    static final Institution CHIFENG_FEED = institution("chifeng-caoyuan-feed", "赤峰市草原牧歌饲料有限公司",
            "91150400MA0N2K7X3", "ENTERPRISE", "150400", null);
    static final Institution MENGYAO = institution("mengyao-pharma", "内蒙古蒙药股份有限公司", "91150500MA0N3MY08",
            "ENTERPRISE", "150500", null);
    static final Institution HETAO_SEED = institution("hetao-seed", "巴彦淖尔市河套种业有限公司", "91150800MA0N4HT05",
            "ENTERPRISE", "150800", null);
    static final Institution YITAI_COAL = institution("yitai-coal-to-liquids", "内蒙古伊泰煤制油有限责任公司",
            "91150600MA0N5YT02", "ENTERPRISE", "150600", null);

    static final List<Institution> INSTITUTIONS = List.of(IMUT, IMU, IMAU, RARE_EARTH_CENTER, IMUST, ORDOS_TECH, YILI,
            BAOGANG, CHIFENG_FEED, MENGYAO, HETAO_SEED, YITAI_COAL);

    private static Institution institution(String id, String name, String first17, String type, String regionCode,
            String client) {
        return new Institution(id, name, CreditCodes.withCheckCharacter(first17), type, regionCode, client);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Achievements: a topic per line of the region's chains, six listings per topic (the topic itself, then its
    // process, equipment, pilot line, standards and applications), with maturity, TRL, price and modes varied.

    /** What a title form adds to a topic. */
    enum Kind {
        PROCESS("制备工艺", "连续化生产技术", "中试工艺包", "关键装备", "质量检测方法"),
        DEVICE("关键部件", "智能控制系统", "成套装备", "远程运维平台", "检测标定方法"),
        MEDICINE("制备工艺", "质量标准研究", "中试生产技术", "药效学评价", "新适应症研究"),
        BREED("良种繁育技术", "标准化生产技术", "配套技术规程", "种质资源保存技术", "示范推广模式"),
        SOFTWARE("算法模型", "软件平台", "边缘计算终端", "数据集与标注工具", "行业应用方案");

        private final List<String> forms;

        Kind(String... forms) {
            this.forms = List.of(forms);
        }
    }

    /** A topic of an owner's research, with the facts its listings share. */
    record Topic(String code, Institution owner, String chain, Kind kind, String title, String field,
            List<String> keywords, String summary, long basePriceYuan) {
    }

    static final List<Topic> TOPICS = List.of(
            // 内蒙古工业大学
            topic("t01", IMUT, "MODERN_AGRICULTURE", Kind.PROCESS, "玉米皮菌体蛋白生物发酵饲料", "饲料生物发酵",
                    "玉米皮,菌体蛋白,发酵饲料", "以玉米皮为原料经菌体蛋白生物发酵生产饲料，每吨玉米皮利润提高到1048元", 1_500_000),
            topic("t02", IMUT, "EQUIPMENT_MANUFACTURING", Kind.DEVICE, "微变雷达", "边坡形变监测",
                    "微变雷达,边坡监测,形变", "露天矿边坡和尾矿库亚毫米级形变监测雷达", 2_800_000),
            topic("t03", IMUT, "NEW_MATERIALS", Kind.PROCESS, "PBAT可降解地膜", "可降解材料",
                    "PBAT,可降解,地膜", "全生物降解地膜，180天内完全降解，替代聚乙烯地膜", 1_200_000),
            topic("t04", IMUT, "NEW_ENERGY", Kind.DEVICE, "风电机组叶片覆冰监测", "风电运维",
                    "风电,叶片,覆冰", "寒冷地区风电机组叶片覆冰在线监测与除冰控制", 900_000),
            topic("t05", IMUT, "ENERGY_STORAGE", Kind.PROCESS, "全钒液流电池电解液", "储能材料",
                    "液流电池,电解液,储能", "高稳定性全钒液流电池电解液配方与制备", 3_500_000),
            topic("t06", IMUT, "COAL_CHEMICALS", Kind.PROCESS, "煤气化细渣残碳分离", "煤化工固废",
                    "煤气化,细渣,残碳", "煤气化细渣浮选脱碳与残碳回用", 2_000_000),
            topic("t07", IMUT, "ENERGY", Kind.DEVICE, "火电机组灵活性改造", "火电调峰",
                    "火电,灵活性,调峰", "燃煤机组深度调峰的燃烧优化与控制", 4_000_000),
            topic("t08", IMUT, "LOW_ALTITUDE_ECONOMY", Kind.DEVICE, "草原巡检无人机", "低空巡检",
                    "无人机,草原,巡检", "长航时固定翼无人机草原火情与鼠害巡检", 1_600_000),
            topic("t09", IMUT, "HYDROGEN", Kind.PROCESS, "碱性电解水制氢电极", "电解制氢",
                    "电解水,制氢,电极", "低能耗碱性电解水制氢镍基电极", 2_400_000),
            topic("t10", IMUT, "NEW_MATERIALS", Kind.PROCESS, "高性能镁合金型材", "轻合金",
                    "镁合金,型材,挤压", "高强韧镁合金型材挤压成形", 1_800_000),
            // 内蒙古大学
            topic("t11", IMU, "BIOMEDICINE", Kind.MEDICINE, "胡芪降脂胶囊", "蒙药制剂",
                    "蒙药,降脂,胶囊", "以胡芪为主药的蒙药降脂胶囊，调节血脂", 2_800_000),
            topic("t12", IMU, "BIOMEDICINE", Kind.MEDICINE, "沙棘黄酮提取物", "天然药物",
                    "沙棘,黄酮,提取", "沙棘果渣黄酮高效提取纯化", 800_000),
            topic("t13", IMU, "BIOMEDICINE", Kind.MEDICINE, "肉苁蓉苯乙醇苷", "天然药物",
                    "肉苁蓉,苯乙醇苷,抗疲劳", "阿拉善肉苁蓉有效成分苯乙醇苷制备", 1_500_000),
            topic("t14", IMU, "ARTIFICIAL_INTELLIGENCE", Kind.SOFTWARE, "蒙古文智能翻译", "自然语言处理",
                    "蒙古文,机器翻译,语音", "蒙汉双向神经机器翻译与语音识别", 1_000_000),
            topic("t15", IMU, "ARTIFICIAL_INTELLIGENCE", Kind.SOFTWARE, "奶牛行为识别", "计算机视觉",
                    "奶牛,行为识别,视觉", "牧场视频中奶牛发情、跛行与采食行为识别", 600_000),
            topic("t16", IMU, "ECOLOGY_ENVIRONMENT", Kind.PROCESS, "荒漠化土壤微生物修复", "生态修复",
                    "荒漠化,土壤修复,微生物", "库布其等沙地土壤微生物菌剂修复", 700_000),
            topic("t17", IMU, "ECOLOGY_ENVIRONMENT", Kind.PROCESS, "黄河流域水质在线监测", "水环境",
                    "黄河,水质,监测", "黄河内蒙古段多参数水质在线监测", 900_000),
            topic("t18", IMU, "BIOMEDICINE", Kind.MEDICINE, "牛初乳免疫球蛋白", "生物制品",
                    "初乳,免疫球蛋白,乳清", "牛初乳免疫球蛋白低温分离", 1_200_000),
            topic("t19", IMU, "SEEDS", Kind.BREED, "华蒙肉羊", "肉羊育种",
                    "华蒙肉羊,肉羊,育种", "多胎高繁肉羊新品种，产羔率高", 500_000),
            topic("t20", IMU, "ARTIFICIAL_INTELLIGENCE", Kind.SOFTWARE, "草原遥感估产", "遥感",
                    "遥感,草原,估产", "卫星遥感草原产草量与载畜量估算", 800_000),
            // 内蒙古农业大学
            topic("t21", IMAU, "SEEDS", Kind.BREED, "巴麦13号", "春小麦育种",
                    "巴麦13号,春小麦,高产", "河套灌区春小麦新品种，亩产1366.92斤", 600_000),
            topic("t22", IMAU, "SEEDS", Kind.BREED, "杜蒙羊", "肉羊育种",
                    "杜蒙羊,肉羊,杂交", "杜泊羊与蒙古羊杂交肉羊新品种", 500_000),
            topic("t23", IMAU, "DAIRY", Kind.PROCESS, "低乳糖高蛋白乳粉", "乳制品加工",
                    "低乳糖,高蛋白,乳粉", "膜分离低乳糖高蛋白乳粉加工", 2_200_000),
            topic("t24", IMAU, "DAIRY", Kind.PROCESS, "奶酪发酵剂", "乳品发酵",
                    "奶酪,发酵剂,乳酸菌", "本土乳酸菌奶酪发酵剂", 1_000_000),
            topic("t25", IMAU, "DAIRY", Kind.DEVICE, "奶牛精准饲喂系统", "牧场装备",
                    "奶牛,精准饲喂,牧场", "按产奶量和体况精准配料的奶牛饲喂系统", 1_300_000),
            topic("t26", IMAU, "GRASS", Kind.PROCESS, "苜蓿青贮", "饲草加工",
                    "苜蓿,青贮,饲草", "高水分苜蓿裹包青贮与品质提升", 500_000),
            topic("t27", IMAU, "GRASS", Kind.BREED, "草原3号杂花苜蓿", "牧草育种",
                    "苜蓿,牧草,抗寒", "抗寒耐旱杂花苜蓿新品种", 400_000),
            topic("t28", IMAU, "MODERN_AGRICULTURE", Kind.PROCESS, "马铃薯脱毒种薯", "种薯繁育",
                    "马铃薯,脱毒,种薯", "马铃薯脱毒微型薯工厂化生产", 700_000),
            topic("t29", IMAU, "MODERN_AGRICULTURE", Kind.DEVICE, "盐碱地改良机械", "农机装备",
                    "盐碱地,改良,农机", "河套灌区盐碱地深松改良机械", 900_000),
            topic("t30", IMAU, "SEEDS", Kind.BREED, "向日葵杂交种", "油料作物育种",
                    "向日葵,杂交种,抗病", "抗列当向日葵杂交种", 800_000),
            // 中国科学院包头稀土研发中心
            topic("t31", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "稀土硫化物着色剂", "稀土功能材料",
                    "稀土,硫化物,着色剂", "无毒环保的稀土硫化物红色着色剂，替代镉系颜料", 3_000_000),
            topic("t32", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "稀土抛光粉废料回收", "稀土资源循环",
                    "稀土,抛光粉,废料,回收", "稀土抛光粉废料湿法回收氧化铈", 1_200_000),
            topic("t33", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "高丰度稀土永磁", "稀土永磁",
                    "稀土,永磁,铈", "铈镧高丰度稀土永磁材料", 5_000_000),
            topic("t34", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "稀土储氢合金", "储氢材料",
                    "稀土,储氢,合金", "镧镍系稀土储氢合金", 2_600_000),
            topic("t35", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "稀土催化剂", "环境催化",
                    "稀土,催化剂,尾气", "柴油车尾气净化稀土催化剂", 2_000_000),
            topic("t36", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.PROCESS, "稀土发光材料", "光功能材料",
                    "稀土,发光,荧光粉", "植物照明稀土荧光粉", 1_400_000),
            topic("t37", RARE_EARTH_CENTER, "RARE_EARTHS", Kind.DEVICE, "稀土萃取分离在线检测", "稀土冶炼",
                    "稀土,萃取,分离,检测", "稀土萃取槽组分在线检测与串级控制", 1_800_000),
            topic("t38", RARE_EARTH_CENTER, "NEW_MATERIALS", Kind.PROCESS, "稀土镁合金", "轻合金",
                    "稀土,镁合金,耐热", "耐热稀土镁合金压铸件", 2_200_000),
            topic("t39", RARE_EARTH_CENTER, "HYDROGEN", Kind.PROCESS, "稀土基固态储氢罐", "氢能储运",
                    "稀土,固态储氢,氢能", "稀土基固态储氢装置", 3_200_000),
            topic("t40", RARE_EARTH_CENTER, "ENERGY_STORAGE", Kind.PROCESS, "稀土掺杂正极材料", "电池材料",
                    "稀土,正极材料,电池", "稀土掺杂高镍三元正极材料", 2_500_000));

    /** The two sub-centers' own listings, uploaded through the sync API in one batch each. */
    record SubCenter(String client, String regionCode, String prefix, List<Topic> topics) {
    }

    static final List<SubCenter> SUB_CENTERS = List.of(
            new SubCenter("dev-subcenter-ordos", "150600", "ordos-2026", List.of(
                    topic("o1", ORDOS_TECH, "COAL_CHEMICALS", Kind.PROCESS, "煤基固废低碳利用技术", "煤基固废",
                            "煤基固废,低碳,粉煤灰", "粉煤灰与煤矸石低碳建材化利用，单笔成交1000万元", 10_000_000),
                    topic("o2", ORDOS_TECH, "COAL_CHEMICALS", Kind.PROCESS, "煤制油高盐废水零排放", "煤化工废水",
                            "煤制油,高盐废水,零排放", "煤制油高盐废水分盐结晶与近零排放", 6_000_000),
                    topic("o3", ORDOS_TECH, "HYDROGEN", Kind.DEVICE, "风光制氢一体化", "绿氢",
                            "风光,制氢,绿氢", "风电光伏离网制氢与煤化工耦合", 8_000_000),
                    topic("o4", ORDOS_TECH, "MODERN_AGRICULTURE", Kind.PROCESS, "羊绒纤维高值化", "羊绒加工",
                            "羊绒,纤维,分梳", "阿尔巴斯白绒山羊羊绒精细分梳", 900_000),
                    topic("o5", ORDOS_TECH, "ARTIFICIAL_INTELLIGENCE", Kind.SOFTWARE, "露天矿无人驾驶矿卡",
                            "智能矿山", "无人驾驶,矿卡,露天矿", "露天煤矿矿卡编组无人驾驶", 5_000_000))),
            new SubCenter("dev-subcenter-baotou", "150200", "baotou-2026", List.of(
                    topic("b1", IMUST, "EQUIPMENT_MANUFACTURING", Kind.DEVICE, "高炉泥炮自动装炮泥机器人",
                            "冶金装备", "高炉,泥炮,机器人", "高炉出铁口泥炮自动装填炮泥，替代人工", 2_600_000),
                    topic("b2", IMUST, "RARE_EARTHS", Kind.PROCESS, "稀土钢洁净化冶炼", "钢铁冶金",
                            "稀土钢,洁净化,冶炼", "稀土钢夹杂物控制与洁净化冶炼", 4_500_000),
                    topic("b3", IMUST, "NEW_MATERIALS", Kind.PROCESS, "钢渣微粉", "冶金固废",
                            "钢渣,微粉,建材", "转炉钢渣微粉化与混凝土掺合料", 1_100_000),
                    topic("b4", IMUST, "RARE_EARTHS", Kind.DEVICE, "稀土永磁同步电机", "电机",
                            "稀土,永磁,电机", "矿用高效稀土永磁同步电机", 3_000_000),
                    topic("b5", IMUST, "HYDROGEN", Kind.PROCESS, "富氢气体冶金", "低碳冶金",
                            "氢冶金,富氢,高炉", "高炉喷吹富氢气体低碳炼铁", 6_500_000))));

    private static Topic topic(String code, Institution owner, String chain, Kind kind, String title, String field,
            String keywords, String summary, long basePriceYuan) {
        return new Topic(code, owner, chain, kind, title, field, List.of(keywords.split(",")), summary,
                basePriceYuan);
    }

    private static final String[][] INVENTORS = {{"王建国", "李海燕"}, {"张志强", "刘晓梅"}, {"赵宏伟", "孙丽娜"},
            {"陈立新", "乌日娜"}, {"巴特尔", "高敏"}, {"周永刚", "其其格"}};

    private static final List<List<String>> MODES = List.of(List.of("LICENCE"), List.of("ASSIGNMENT"),
            List.of("LICENCE", "DEVELOPMENT"), List.of("EQUITY"), List.of("ASSIGNMENT", "LICENCE"),
            List.of("SERVICE", "DEVELOPMENT"));

    /** The n-th listing (0..5) of a topic: the listing content as the catalog takes it. */
    static Map<String, Object> listing(Topic topic, int n) {
        String title = n == 0 ? topic.title() : topic.title() + topic.kind().forms.get(n - 1);
        int seed = Integer.parseInt(topic.code().substring(1)) + n;
        String[] maturities = {"LAB", "PILOT", "SMALL_BATCH", "INDUSTRIALISED"};
        String maturity = n == 0 ? (topic.kind() == Kind.BREED ? "INDUSTRIALISED" : "SMALL_BATCH")
                : maturities[seed % 4];
        int trl = switch (maturity) {
            case "LAB" -> 3 + seed % 2;
            case "PILOT" -> 5 + seed % 2;
            case "SMALL_BATCH" -> 7;
            default -> 8 + seed % 2;
        };
        List<String> keywords = new ArrayList<>(topic.keywords());
        if (n > 0) {
            keywords.add(topic.kind().forms.get(n - 1));
        }
        String[] inventors = INVENTORS[seed % INVENTORS.length];
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("title", title);
        listing.put("summary", topic.owner().name() + "：" + topic.summary() + "。"
                + (n == 0 ? "" : "本项成果为其" + topic.kind().forms.get(n - 1) + "。"));
        listing.put("technologyField", topic.field());
        listing.put("industryChain", topic.chain());
        listing.put("keywords", keywords);
        listing.put("maturity", maturity);
        listing.put("technologyReadinessLevel", trl);
        listing.put("inventors", List.of(
                Map.of("name", inventors[0], "affiliation", topic.owner().name()),
                Map.of("name", inventors[1], "affiliation", topic.owner().name())));
        listing.put("transferModes", n == 0 ? List.of("LICENCE", "ASSIGNMENT") : MODES.get(seed % MODES.size()));
        long price = topic.basePriceYuan() * (4 + n) / 4 / 10_000 * 10_000;
        switch (n == 0 ? 0 : seed % 3) {
            case 0 -> listing.put("askingPriceYuan", BigDecimal.valueOf(price));
            case 1 -> listing.put("priceRangeYuan", Map.of("minYuan", BigDecimal.valueOf(price * 4 / 5),
                    "maxYuan", BigDecimal.valueOf(price * 6 / 5)));
            default -> {
                // negotiable (面议): no price at all
            }
        }
        return listing;
    }

    /** Listings left in review, so that the operators' queue is not empty: the last form of every fifth topic. */
    static boolean staysInReview(Topic topic, int n) {
        return n == 5 && Integer.parseInt(topic.code().substring(1)) % 5 == 0;
    }

    static String achievementKey(Topic topic, int n) {
        return "demo-ach-" + topic.code() + "-" + n;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Demands and the challenge list

    /** A demand; {@code client} posts it, naming {@code owner} when it is an operator or a sub-center. */
    record Demand(String key, String client, Institution owner, String title, String problem, String chain,
            String field, long budgetMin, long budgetMax, List<String> modes, String maturity, String contactName,
            String phone) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("problem", problem);
            if (!owner.id().equals(DemoScenario.clientInstitution(client))) {
                body.put("ownerInstitutionId", owner.id());
            }
            body.put("industryChain", chain);
            body.put("field", field);
            body.put("regionCode", owner.regionCode());
            body.put("budgetMinYuan", BigDecimal.valueOf(budgetMin));
            body.put("budgetMaxYuan", BigDecimal.valueOf(budgetMax));
            body.put("transferModes", modes);
            body.put("wantedMaturity", maturity);
            body.put("deadline", "2027-12-31");
            body.put("contact", Map.of("name", contactName, "phone", phone));
            return body;
        }
    }

    static String clientInstitution(String client) {
        return INSTITUTIONS.stream().filter(i -> client.equals(i.client())).map(Institution::id).findFirst()
                .orElse(null);
    }

    static final Demand FEED_DEMAND = new Demand("demo-dem-01", "dev-operator", CHIFENG_FEED,
            "玉米皮等农副产品饲料化利用技术", "本公司年加工玉米皮3万吨，希望引进玉米皮菌体蛋白生物发酵饲料技术，提高饲料蛋白含量和每吨利润。",
            "MODERN_AGRICULTURE", "饲料生物发酵", 1_000_000, 2_000_000, List.of("LICENCE"), "PILOT", "刘经理",
            "0476-8321001");
    static final Demand MEDICINE_DEMAND = new Demand("demo-dem-02", "dev-operator", MENGYAO,
            "蒙药降脂胶囊成果转化", "寻求胡芪等蒙药降脂胶囊成果，许可或转让后在通辽基地生产。", "BIOMEDICINE", "蒙药制剂",
            500_000, 3_000_000, List.of("LICENCE", "ASSIGNMENT"), "SMALL_BATCH", "包主任", "0475-8812002");
    static final Demand WHEAT_DEMAND = new Demand("demo-dem-03", "dev-operator", HETAO_SEED,
            "河套灌区高产春小麦新品种", "引进适合河套灌区的高产优质春小麦品种，品种权转让或独家许可。", "SEEDS", "春小麦育种",
            300_000, 1_000_000, List.of("ASSIGNMENT", "LICENCE"), "INDUSTRIALISED", "杨站长", "0478-8765003");
    static final Demand MILK_POWDER_DEMAND = new Demand("demo-dem-04", "dev-enterprise-yili", YILI,
            "低乳糖高蛋白乳粉加工技术", "面向乳糖不耐受人群，需要膜分离低乳糖高蛋白乳粉工艺。", "DAIRY", "乳制品加工",
            1_000_000, 3_000_000, List.of("LICENCE", "DEVELOPMENT"), "PILOT", "王工", "0471-3350004");
    static final Demand HERD_DEMAND = new Demand("demo-dem-05", "dev-enterprise-yili", YILI,
            "牧场奶牛行为识别与精准饲喂", "合作牧场需要奶牛行为识别和精准饲喂，降低饲料成本。", "DAIRY", "牧场装备",
            500_000, 2_000_000, List.of("LICENCE", "SERVICE"), "PILOT", "王工", "0471-3350004");
    static final Demand ALFALFA_DEMAND = new Demand("demo-dem-06", "dev-enterprise-yili", YILI,
            "苜蓿青贮饲草品质提升", "自有饲草基地苜蓿青贮品质不稳定，寻求裹包青贮技术。", "GRASS", "饲草加工",
            200_000, 800_000, List.of("LICENCE", "SERVICE"), "PILOT", "赵经理", "0471-3350006");
    static final Demand STEEL_DEMAND = new Demand("demo-dem-07", "dev-enterprise-baogang", BAOGANG,
            "稀土钢洁净化冶炼工艺", "提高稀土钢纯净度，控制稀土夹杂物。", "RARE_EARTHS", "钢铁冶金",
            2_000_000, 6_000_000, List.of("LICENCE", "DEVELOPMENT"), "PILOT", "郝处长", "0472-2180007");
    static final Demand TAPHOLE_DEMAND = new Demand("demo-dem-08", "dev-enterprise-baogang", BAOGANG,
            "高炉出铁口智能化作业装备", "高炉出铁口装炮泥等作业危险，需要机器人替代人工。", "EQUIPMENT_MANUFACTURING",
            "冶金装备", 1_000_000, 4_000_000, List.of("LICENCE", "ASSIGNMENT"), "PILOT", "郝处长", "0472-2180007");
    static final Demand SOLID_WASTE_DEMAND = new Demand("demo-dem-09", "dev-subcenter-ordos", YITAI_COAL,
            "煤化工固废资源化利用", "煤气化渣和粉煤灰年产百万吨，寻求低碳资源化利用技术。", "COAL_CHEMICALS", "煤基固废",
            3_000_000, 12_000_000, List.of("ASSIGNMENT", "LICENCE"), "PILOT", "张总工", "0477-8590009");
    static final Demand GREEN_HYDROGEN_DEMAND = new Demand("demo-dem-10", "dev-subcenter-ordos", YITAI_COAL,
            "绿氢耦合煤化工示范", "以风光制氢替代部分煤制氢，降低煤制油碳排放。", "HYDROGEN", "绿氢",
            5_000_000, 10_000_000, List.of("DEVELOPMENT", "LICENCE"), "PILOT", "张总工", "0477-8590009");

    static final List<Demand> DEMANDS = List.of(FEED_DEMAND, MEDICINE_DEMAND, WHEAT_DEMAND, MILK_POWDER_DEMAND,
            HERD_DEMAND, ALFALFA_DEMAND, STEEL_DEMAND, TAPHOLE_DEMAND, SOLID_WASTE_DEMAND, GREEN_HYDROGEN_DEMAND);

    /** The challenge list (揭榜挂帅) Baogang posts, and the teams that take it up. */
    static final String CHALLENGE_KEY = "demo-chl-01";

    static Map<String, Object> challenge() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "稀土抛光粉废料高值化回收");
        body.put("goals", "稀土抛光粉废料中氧化铈回收率不低于95%，再生抛光粉性能达到新粉90%以上，形成千吨级示范线。");
        body.put("conditions", "具有稀土湿法冶金研究基础；两年内完成中试。");
        body.put("industryChain", "RARE_EARTHS");
        body.put("regionCode", BAOGANG.regionCode());
        body.put("rewardYuan", BigDecimal.valueOf(3_000_000));
        body.put("deadline", "2027-06-30");
        return body;
    }

    /** A team's application: its institution's client, the team and its plan. */
    record ChallengeApplication(String key, Institution team, String teamName, String proposal, long quotedYuan) {
    }

    static final ChallengeApplication WINNING_APPLICATION = new ChallengeApplication("demo-chl-01-app-rare-earth",
            RARE_EARTH_CENTER, "稀土资源循环利用团队", "以湿法回收氧化铈工艺为基础，两年内建成千吨级示范线。", 2_800_000);
    static final ChallengeApplication OTHER_APPLICATION = new ChallengeApplication("demo-chl-01-app-imut", IMUT,
            "冶金固废资源化团队", "焙烧—酸浸联合工艺回收稀土，配套废水循环。", 2_500_000);

    // ---------------------------------------------------------------------------------------------------------------
    // Deals: the demand, the achievement that meets it, and the contract that follows

    /** A deal: the contract the seller submits for the achievement proposed for the demand. */
    record Deal(String key, Demand demand, Topic topic, String type, String subType, String title, String signedOn,
            String validUntil, long amountYuan, List<Map<String, Object>> costs, List<Map<String, Object>> payments,
            int inventorSharePercent, boolean register) {

        Institution seller() {
            return topic.owner();
        }

        Institution buyer() {
            return demand.owner();
        }

        Map<String, Object> contract(String achievementId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("subType", subType);
            body.put("title", title);
            body.put("seller", party(seller(), true));
            body.put("buyer", party(buyer(), true));
            body.put("signedOn", signedOn);
            body.put("validFrom", signedOn);
            body.put("validUntil", validUntil);
            body.put("contractAmountYuan", BigDecimal.valueOf(amountYuan));
            body.put("nonTechnicalCosts", costs);
            body.put("payments", payments);
            body.put("achievementIds", List.of(achievementId));
            body.put("documents", List.of("docs://" + seller().id() + "/2026/" + key + "/contract.pdf"));
            body.put("inventorSharePercent", inventorSharePercent);
            return body;
        }

        private static Map<String, Object> party(Institution institution, boolean withId) {
            Map<String, Object> party = new LinkedHashMap<>();
            if (withId) {
                party.put("institutionId", institution.id());
            }
            party.put("name", institution.name());
            party.put("creditCode", institution.creditCode());
            party.put("regionCode", institution.regionCode());
            party.put("publicResearchBody", institution.publicResearchBody());
            return party;
        }
    }

    private static Map<String, Object> payment(String dueOn, String amount) {
        return Map.of("dueOn", dueOn, "amountYuan", new BigDecimal(amount));
    }

    private static Topic topicCoded(String code) {
        return TOPICS.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    static final Deal FEED_DEAL = new Deal("demo-ctr-01", FEED_DEMAND, topicCoded("t01"), "LICENCE", "EXCLUSIVE",
            "玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同", "2026-10-12", "2031-10-11", 1_500_000,
            List.of(Map.of("kind", "EQUIPMENT", "description", "发酵罐两台", "amountYuan", new BigDecimal("237599.50"))),
            List.of(payment("2026-11-30", "500000.00"), payment("2027-10-31", "1000000.00")), 70, true);
    static final Deal MEDICINE_DEAL = new Deal("demo-ctr-02", MEDICINE_DEMAND, topicCoded("t11"), "LICENCE",
            "NON_EXCLUSIVE", "胡芪降脂胶囊生产技术普通许可合同", "2026-10-20", "2036-10-19", 2_800_000, List.of(),
            List.of(payment("2026-12-31", "1400000.00"), payment("2027-12-31", "1400000.00")), 80, true);
    static final Deal WHEAT_DEAL = new Deal("demo-ctr-03", WHEAT_DEMAND, topicCoded("t21"), "TRANSFER", "OTHER",
            "巴麦13号春小麦品种权转让合同", "2026-11-02", "2029-11-01", 600_000, List.of(),
            List.of(payment("2027-03-31", "600000.00")), 70, false);

    static final List<Deal> DEALS = List.of(FEED_DEAL, MEDICINE_DEAL, WHEAT_DEAL);

    /** A financing product a finance institution publishes (科技金融). */
    record Product(String key, String client, Map<String, Object> body) {
    }

    /** 科创易贷 of the Bank of Inner Mongolia, and PICC's 中试综合保险: both for enterprises with a registered contract. */
    static final Product BANK_PRODUCT = new Product("demo-product-boimc-kcyd", "dev-bank", product(
            "TECH_INNOVATION_CREDIT", "科创易贷", 500_000, 10_000_000, 6, 36, "3.45", "4.35"));
    static final Product INSURER_PRODUCT = new Product("demo-product-picc-pilot", "dev-insurer-picc", product(
            "PILOT_INSURANCE", "中试综合保险", 100_000, 5_000_000, 12, 12, "0.8", "1.5"));
    static final List<Product> PRODUCTS = List.of(BANK_PRODUCT, INSURER_PRODUCT);

    private static Map<String, Object> product(String type, String name, long min, long max, int termMin, int termMax,
            String rateMin, String rateMax) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("name", name);
        body.put("amountMinYuan", BigDecimal.valueOf(min));
        body.put("amountMaxYuan", BigDecimal.valueOf(max));
        body.put("termMonthsMin", termMin);
        body.put("termMonthsMax", termMax);
        body.put("rateMinPercent", new BigDecimal(rateMin));
        body.put("rateMaxPercent", new BigDecimal(rateMax));
        body.put("rules", List.of(Map.of("anyOf", List.of(Map.of("field", "REGISTERED_CONTRACTS_12M", "atLeast", 1)))));
        return body;
    }

    /** The registered deals' buyers, who consent to share their profiles (their signed forms, recorded). */
    static final List<Institution> CONSENTING = List.of(CHIFENG_FEED, MENGYAO);

    /** What an institution does with an enterprise's lead, in order. */
    record LeadOutcome(Product product, Institution enterprise, List<Map<String, Object>> steps) {
    }

    static final List<LeadOutcome> LEAD_OUTCOMES = List.of(
            new LeadOutcome(BANK_PRODUCT, CHIFENG_FEED, List.of(
                    Map.of("outcome", "CONTACTED"),
                    Map.of("outcome", "APPROVED", "amountYuan", new BigDecimal("3000000"), "date", "2026-11-20"),
                    Map.of("outcome", "DISBURSED", "amountYuan", new BigDecimal("3000000"), "date", "2026-11-25"))),
            new LeadOutcome(INSURER_PRODUCT, MENGYAO, List.of(Map.of("outcome", "CONTACTED"))));

    /** The redemption (兑换) imut asks for, and the operator approves. */
    static final String REDEMPTION_KEY = "demo-redemption-imut-2026-01";
    static final long REDEMPTION_POINTS = 500;
}
