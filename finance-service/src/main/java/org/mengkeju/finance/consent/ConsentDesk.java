package org.mengkeju.finance.consent;

import java.time.LocalDate;

import org.mengkeju.finance.lead.LeadDesk;
import org.mengkeju.finance.lead.Qualification;
import org.mengkeju.finance.profile.Consent;
import org.mengkeju.finance.profile.EnterpriseProfile;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * An enterprise's consent to share its profile (授权) and what follows from it: granting qualifies the profile at
 * once; withdrawing takes every lead of the enterprise from the institutions. A withdrawal touches many documents,
 * so it is a small resumable process: the profile records it unsettled, the leads are withdrawn one by one, then it
 * is settled; a sweep finishes one a crash cut short. Who may do what is decided here.
 */
@Service
public class ConsentDesk {

    private static final Logger log = LoggerFactory.getLogger(ConsentDesk.class);

    private final ProfileBook book;
    private final LeadDesk leads;
    private final Qualification qualification;

    ConsentDesk(ProfileBook book, LeadDesk leads, Qualification qualification) {
        this.book = book;
        this.leads = leads;
        this.qualification = qualification;
    }

    public EnterpriseProfile grant(CallerIdentity caller, String enterpriseId) {
        mayDecide(caller, enterpriseId);
        book.grantConsent(enterpriseId, caller.clientId());
        int opened = qualification.qualify(enterpriseId);
        log.info("profile {}: {} leads opened after consent", enterpriseId, opened);
        return book.find(enterpriseId).orElseThrow();
    }

    public EnterpriseProfile withdraw(CallerIdentity caller, String enterpriseId) {
        mayDecide(caller, enterpriseId);
        Consent withdrawal = book.withdrawConsent(enterpriseId, caller.clientId());
        leads.withdrawAll(enterpriseId, caller.clientId());
        book.settleWithdrawal(enterpriseId, withdrawal);
        return book.find(enterpriseId).orElseThrow();
    }

    /** A profile for the enterprise itself and operators; it does not exist for anyone else. */
    public EnterpriseProfile profile(CallerIdentity caller, String enterpriseId) {
        if (!mayRead(caller, enterpriseId)) {
            throw ApiProblem.notFound("enterprise profile", enterpriseId);
        }
        return book.find(enterpriseId).orElseThrow(() -> ApiProblem.notFound("enterprise profile", enterpriseId));
    }

    /** An operator records the high-tech certificate it checked; the profile is qualified again. */
    public EnterpriseProfile recordHighTech(CallerIdentity caller, String enterpriseId, String certificateNumber,
            LocalDate validUntil) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("high-tech enterprise certificates are recorded by operators, who check them");
        }
        book.recordHighTech(enterpriseId, certificateNumber, validUntil, caller.clientId());
        qualification.qualify(enterpriseId);
        return book.find(enterpriseId).orElseThrow();
    }

    /** Finishes withdrawals a crash left unsettled. */
    @Scheduled(fixedDelayString = "${mengkeju.finance.consent-sweep:30s}",
            initialDelayString = "${mengkeju.finance.consent-sweep:30s}")
    void settleWithdrawals() {
        for (EnterpriseProfile profile : book.unsettledWithdrawals(100)) {
            leads.withdrawAll(profile.id(), profile.consent().changedBy());
            book.settleWithdrawal(profile.id(), profile.consent());
            log.info("profile {}: an unsettled withdrawal of consent was finished", profile.id());
        }
    }

    /** Who decides on consent: the enterprise (a partner client acting for it), or an operator for a signed form. */
    static void mayDecide(CallerIdentity caller, String enterpriseId) {
        boolean itself = caller.is(Role.PARTNER) && enterpriseId.equals(caller.institutionId());
        if (!itself && !caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("consent to share " + enterpriseId + "'s profile is given or withdrawn by the "
                    + "enterprise itself, or by an operator recording its signed form");
        }
    }

    static boolean mayRead(CallerIdentity caller, String enterpriseId) {
        return caller.is(Role.OPERATOR) || (caller.is(Role.PARTNER) && enterpriseId.equals(caller.institutionId()));
    }
}
