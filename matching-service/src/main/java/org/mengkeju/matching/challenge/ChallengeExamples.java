package org.mengkeju.matching.challenge;

/** Examples of the challenge lists API's documents, realistic and valid: the document conformance test sends them. */
final class ChallengeExamples {

    private ChallengeExamples() {
    }

    static final String CHALLENGE_ID = "chl-8e21f0a4c9b34d17";
    static final String APPLICATION_ID = "app-3c9d1e7a5b2f4c80";
    static final String POST_EXAMPLE = """
            {"title":"高炉出铁口泥炮自动装泥与堵口",
             "goals":"实现泥炮装泥、堵口全过程无人操作，单次作业时间不超过8分钟，连续运行6个月无人工干预。",
             "conditions":"团队须有冶金装备或工业机器人项目经验，并在包头完成现场中试。",
             "posterInstitutionId":"baotou-steel","industryChain":"EQUIPMENT_MANUFACTURING","regionCode":"150200",
             "rewardYuan":3000000.00,"deadline":"2027-03-31"}""";
    static final String VIEW_EXAMPLE = """
            {"challengeId":"chl-8e21f0a4c9b34d17","title":"高炉出铁口泥炮自动装泥与堵口",
             "goals":"实现泥炮装泥、堵口全过程无人操作，单次作业时间不超过8分钟，连续运行6个月无人工干预。",
             "conditions":"团队须有冶金装备或工业机器人项目经验，并在包头完成现场中试。",
             "posterInstitutionId":"baotou-steel","industryChain":"EQUIPMENT_MANUFACTURING","regionCode":"150200",
             "rewardYuan":3000000.00,"deadline":"2027-03-31","status":"OPEN","postedAt":"2026-11-25T02:00:00Z",
             "awardedAt":null,"chosenApplicationId":null,"applicationCount":0,"applications":[],"version":0}""";
    static final String APPLY_EXAMPLE = """
            {"applicantInstitutionId":"imust","teamName":"内蒙古科技大学冶金机器人团队",
             "proposal":"六轴重载机器人配合视觉定位完成装泥与堵口，已在50立方米试验炉上连续运行3个月。",
             "quotedYuan":2800000.00}""";
    static final String APPLICATION_EXAMPLE = """
            {"applicationId":"app-3c9d1e7a5b2f4c80","challengeId":"chl-8e21f0a4c9b34d17",
             "applicantInstitutionId":"imust","teamName":"内蒙古科技大学冶金机器人团队",
             "proposal":"六轴重载机器人配合视觉定位完成装泥与堵口，已在50立方米试验炉上连续运行3个月。",
             "quotedYuan":2800000.00,"status":"SUBMITTED","appliedAt":"2026-12-03T08:10:00Z","decidedAt":null}""";
    static final String DECIDE_EXAMPLE = """
            {"decision":"SHORTLIST"}""";
    static final String SHORTLISTED_EXAMPLE = """
            {"applicationId":"app-3c9d1e7a5b2f4c80","challengeId":"chl-8e21f0a4c9b34d17",
             "applicantInstitutionId":"imust","teamName":"内蒙古科技大学冶金机器人团队",
             "proposal":"六轴重载机器人配合视觉定位完成装泥与堵口，已在50立方米试验炉上连续运行3个月。",
             "quotedYuan":2800000.00,"status":"SHORTLISTED","appliedAt":"2026-12-03T08:10:00Z",
             "decidedAt":"2027-04-10T02:00:00Z"}""";
}
