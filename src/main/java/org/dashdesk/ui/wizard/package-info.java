/**
 * The assessment wizard: incident and people, one page per DASH section (with S-DASH / H-DASH
 * when offered), the officer's section, grading with professional judgement and referral
 * decisions, and review and submit. Every answer is saved in the background as it is given.
 */
package org.dashdesk.ui.wizard;
